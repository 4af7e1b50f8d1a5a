using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Mail;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Tests.Pages.Feedback;

namespace ServiceRegistry.Web.Tests.Infrastructure;

/// <summary>E-mail to the agency's staff when the public reports on a service page, through an in-process SMTP
/// server (netDumbster): sent from the database's mail queue, so a failed delivery or a stopped node loses nothing.</summary>
public sealed class MailSenderTests : IAsyncLifetime
{
    private const string Agency = "اداره کل نامه‌رسان فارس";
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (string, string?)[] Smtp(int port) =>
        [("Mail:Host", "127.0.0.1"), ("Mail:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Mail:Security", "none"), ("Mail:PollSeconds", "0.2")];

    private async Task<(int CardId, TestUser Editor)> ServiceWithEditorAsync()
    {
        var editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "فارس");
        var id = (await _app.SeedAsync(new CardBuilder().Titled("خدمت نامه‌رسان").OfAgency(Agency, "فارس").Published()))[0].Id;
        return (id, editor);
    }

    /// <summary>Waits for the mail queue (up to a minute: nodes start slowly on a busy machine), failing when it never gets there.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(done))] string what = "")
    {
        for (var i = 0; i < 600; i++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"not reached within a minute: {what}");
    }

    [Fact]
    public async Task Feedback_WithSmtpConfigured_MailsTheAgencysStaff()
    {
        // Arrange
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var (id, editor) = await ServiceWithEditorAsync();
        await using var node = _app.AnotherNode("mail", Smtp(port));

        // Act
        var sent = await (await node.ClientAsAsync(null)).SendFeedbackAsync(_app, id, "مدارک لازم در این صفحه کامل نیست.");
        await UntilAsync(() => _app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.SentAt != null, Ct)));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal(editor.Email, mail.ToAddresses.Single().Address, ignoreCase: true);
        Assert.Contains("خدمت نامه‌رسان", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("مدارک لازم در این صفحه کامل نیست.", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.NotNull(await _app.WithDbAsync(db => db.OutgoingMails.Select(m => m.SentAt).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Feedback_WhileTheSmtpServerIsDownAndTheNodeStops_IsMailedByTheNextNodeOnceTheServerIsUp()
    {
        // Arrange: a node whose SMTP server does not answer
        var port = FreePort();
        var (id, editor) = await ServiceWithEditorAsync();
        var first = _app.AnotherNode("mail-1", Smtp(port));
        await (await first.ClientAsAsync(null)).SendFeedbackAsync(_app, id, "تلفن دفتر در این صفحه پاسخ نمی‌دهد.");
        await UntilAsync(() => _app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.Attempts > 0, Ct)));

        // Act: that node goes away (it tried once: the clock stands still and the next try waits); an hour later the
        // server is up and another node starts
        await first.DisposeAsync();
        _app.Clock.Advance(OutgoingMail.LongestWait);
        using var smtp = SimpleSmtpServer.Start(port);
        await using var second = _app.AnotherNode("mail-2", Smtp(port));
        _ = second.Services; // start it
        await UntilAsync(() => _app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.SentAt != null, Ct)));

        // Assert: delivered once, to the agency's editor
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal(editor.Email, mail.ToAddresses.Single().Address, ignoreCase: true);
        var row = await _app.WithDbAsync(db => db.OutgoingMails.SingleAsync(Ct));
        Assert.NotNull(row.SentAt);
        Assert.Equal(2, row.Attempts); // one failure, held back until its wait was over, then the delivery
    }

    [Fact]
    public async Task Feedback_WithoutSmtpHost_QueuesNoMail()
    {
        // Arrange
        var (id, _) = await ServiceWithEditorAsync();

        // Act
        var sent = await (await _app.ClientAsAsync(null)).SendFeedbackAsync(_app, id, "متن این صفحه غلط املایی دارد.");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutgoingMails.CountAsync(Ct)));
    }
}

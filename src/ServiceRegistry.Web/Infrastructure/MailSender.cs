using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Feedback;
using ServiceRegistry.Core.Mail;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// Sends the queued e-mails (<see cref="OutgoingMail"/>) through SMTP with MailKit, on every node: a node takes a row
/// with a short lease (one UPDATE, so two nodes never send the same row), sends it and marks it sent; a failure is kept
/// on the row and tried again after a wait that doubles each time, starting at the poll interval
/// (<see cref="OutgoingMail.Failed"/>); a node stopping mid-send gives the row back. Runs only when <c>Mail:Host</c> is set.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, IOptions<MailOptions> options, MailSignal signal, TimeProvider time, ILogger<MailSender> log)
    : QueueWorker(signal, log)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override TimeSpan? Poll => options.Value.Enabled ? options.Value.PollInterval : null;

    protected override IReadOnlyList<Func<CancellationToken, Task>> Steps => [SendQueuedAsync];

    /// <summary>Sends what waits, oldest first, a few at a time.</summary>
    public async Task SendQueuedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var waiting = await db.OutgoingMails
            .Where(m => m.SentAt == null && m.Attempts < OutgoingMail.MaxAttempts && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
        foreach (var id in waiting)
        {
            var until = now + Lease;
            var taken = await db.OutgoingMails
                .Where(m => m.Id == id && m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until), ct);
            if (taken == 0)
            {
                continue; // another node has it
            }

            var mail = await db.OutgoingMails.SingleAsync(m => m.Id == id, ct);
            try
            {
                await SendAsync(mail, ct);
                mail.Sent(time.GetUtcNow());
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or SslHandshakeException or AuthenticationException or TimeoutException)
            {
                Log.LogWarning("Mail {Id} to {To} not sent: {Error}", mail.Id, mail.To, e.Message);
                mail.Failed(e.Message, time.GetUtcNow(), options.Value.PollInterval);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                mail.Released();
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }

            await db.SaveChangesAsync(ct);
        }
    }

    private async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var smtp = new SmtpClient { Timeout = 20_000 };
        var security = o.Security.ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await smtp.ConnectAsync(o.Host!, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}

public static class MailServices
{
    /// <summary>The public's feedback and the e-mail queue (section "Mail"; no host, no mail).</summary>
    public static IServiceCollection AddFeedbackAndMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.AddSingleton<MailSignal>();
        services.AddScoped<FeedbackInbox>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        return services;
    }
}

using ServiceRegistry.Core.Mail;

namespace ServiceRegistry.Core.Tests.Mail;

public sealed class OutgoingMailTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_EachWaitIsTwiceTheOneBefore_UpToAnHour()
    {
        // Arrange
        var mail = new OutgoingMail("editor@example.ir", "s", "b", Start);
        var waits = new List<TimeSpan>();

        // Act
        for (var i = 0; i < 10; i++)
        {
            mail.Failed("connection refused", Start, TimeSpan.FromSeconds(30));
            waits.Add(mail.LeaseUntil!.Value - Start.UtcDateTime);
        }

        // Assert
        Assert.Equal(
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600],
            waits.Select(w => w.TotalSeconds));
        Assert.Equal("connection refused", mail.LastError);
    }

    [Fact]
    public void Failed_EveryAttemptAtTheDefaultPoll_OutlastsAnSmtpServerDownForHalfADay()
    {
        // Arrange: the default poll of 30 s; a server that is down answers every try with a failure
        var mail = new OutgoingMail("editor@example.ir", "s", "b", Start);
        var at = Start;

        // Act: each try as soon as the row may be taken again
        while (mail.Attempts < OutgoingMail.MaxAttempts)
        {
            mail.Failed("connection refused", at, TimeSpan.FromSeconds(30));
            at = mail.LeaseUntil!.Value;
        }

        // Assert: the last try is more than twelve hours after the first (it was ten minutes with a try every poll)
        Assert.True(at - Start > TimeSpan.FromHours(12), $"the tries end {at - Start} after the first");
    }

    [Fact]
    public void Released_GivesTheRowBackAtOnce()
    {
        var mail = new OutgoingMail("editor@example.ir", "s", "b", Start);
        mail.Failed("timeout", Start, TimeSpan.FromSeconds(30));

        mail.Released();

        Assert.Null(mail.LeaseUntil);
        Assert.Equal(1, mail.Attempts);
    }
}

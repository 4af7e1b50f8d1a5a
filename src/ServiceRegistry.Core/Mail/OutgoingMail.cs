namespace ServiceRegistry.Core.Mail;

/// <summary>
/// An e-mail waiting to be sent, saved in the same transaction as what it announces: a crash after the save loses
/// nothing (the sender picks it up when a node runs again), and a failed delivery is tried again. A node takes a row
/// by setting <see cref="LeaseUntil"/> so that two nodes do not send it twice; after a failure the same column holds the
/// row back until its next try, each wait twice the one before (capped at <see cref="LongestWait"/>), so 20 attempts
/// outlast an SMTP server that is down for half a day instead of being spent in ten minutes.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAttempts = 20;

    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private OutgoingMail()
    {
    }

    public OutgoingMail(string to, string subject, string body, DateTimeOffset at)
    {
        To = to;
        Subject = subject;
        Body = body;
        CreatedAt = at.UtcDateTime;
    }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? LeaseUntil { get; private set; }

    public void Sent(DateTimeOffset at)
    {
        SentAt = at.UtcDateTime;
        Attempts++;
        LeaseUntil = null;
        LastError = null;
    }

    /// <summary>A failed try: the next one waits <paramref name="firstWait"/> after the first failure, twice that after
    /// the second, and so on up to <see cref="LongestWait"/>.</summary>
    public void Failed(string error, DateTimeOffset at, TimeSpan firstWait)
    {
        Attempts++;
        var wait = firstWait.Ticks * Math.Pow(2, Math.Min(Attempts - 1, 30));
        LeaseUntil = (at + TimeSpan.FromTicks((long)Math.Min(wait, LongestWait.Ticks))).UtcDateTime;
        LastError = error.Length > 500 ? error[..500] : error;
    }

    /// <summary>A node stopping in the middle of a send gives the row back at once (the lease would hold it for minutes).</summary>
    public void Released() => LeaseUntil = null;
}

namespace ServiceRegistry.Core.Mail;

/// <summary>
/// An e-mail waiting to be sent, saved in the same transaction as what it announces: a crash after the save loses
/// nothing (the sender picks it up when a node runs again), and a failed delivery is tried again. A node takes a row
/// by setting <see cref="LeaseUntil"/> so that two nodes do not send it twice.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAttempts = 20;

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

    public void Failed(string error)
    {
        Attempts++;
        LeaseUntil = null;
        LastError = error.Length > 500 ? error[..500] : error;
    }
}

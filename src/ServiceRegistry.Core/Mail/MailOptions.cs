namespace ServiceRegistry.Core.Mail;

/// <summary>SMTP settings (section "Mail"). Without a host no e-mail is queued or sent.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS when the server offers it (none, auto, starttls, ssl).</summary>
    public string Security { get; set; } = "auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@registry.local";
    public string FromName { get; set; } = "سامانه شناسنامه خدمات";

    /// <summary>How often a node looks for queued mail (it also looks as soon as it queues one).</summary>
    public double PollSeconds { get; set; } = 30;

    /// <summary><see cref="PollSeconds"/> as a wait (at least 0.1 s); also the first wait after a failed send.</summary>
    public TimeSpan PollInterval => TimeSpan.FromSeconds(Math.Max(0.1, PollSeconds));

    /// <summary>The site's public address, for links in the e-mails (optional).</summary>
    public string? SiteUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

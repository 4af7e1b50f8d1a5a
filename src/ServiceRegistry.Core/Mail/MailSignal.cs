using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Mail;

/// <summary>Wakes the mail sender as soon as something is queued (it also looks on its own, every few seconds).</summary>
public sealed class MailSignal : Wakeup;

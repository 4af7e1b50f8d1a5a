using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Mail;

namespace ServiceRegistry.Core.Feedback;

/// <summary>
/// Receives the public's reports on a published service: counted per client in the database (every node sees the same
/// count, a restart forgets none), stored for the card's agency, and announced by e-mail to the agency's staff through
/// the mail queue, in the same transaction.
/// </summary>
public sealed class FeedbackInbox(RegistryDbContext db, TimeProvider time, IOptions<MailOptions> mail, MailSignal signal)
{
    /// <summary>Reports one client may send in <see cref="Window"/>, across every service.</summary>
    public const int PerClient = 5;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public enum Outcome { Saved, TooMany, NotFound }

    public async Task<Outcome> SubmitAsync(int cardId, string text, string? contact, string? address, CancellationToken ct)
    {
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId && c.Status == CardStatus.Published, ct);
        if (card is null)
        {
            return Outcome.NotFound;
        }

        var now = time.GetUtcNow();
        var client = CitizenFeedback.ClientKey(address);
        var since = (now - Window).UtcDateTime;
        if (await db.Feedback.CountAsync(f => f.Client == client && f.CreatedAt > since, ct) >= PerClient)
        {
            return Outcome.TooMany;
        }

        var feedback = new CitizenFeedback(card, text, contact, address, now);
        db.Feedback.Add(feedback);
        if (mail.Value.Enabled)
        {
            foreach (var to in await StaffEmailsAsync(card.AgencyId, ct))
            {
                db.OutgoingMails.Add(new OutgoingMail(to, $"گزارش تازه درباره «{card.Title}»", Body(feedback), now));
            }
        }

        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Outcome.Saved;
    }

    /// <summary>The editors and heads of the agency that owns the card.</summary>
    private async Task<List<string>> StaffEmailsAsync(int agencyId, CancellationToken ct)
    {
        var roles = db.Roles.Where(r => r.Name == Roles.AgencyEditor || r.Name == Roles.AgencyHead).Select(r => r.Id);
        return await db.Users
            .Where(u => u.AgencyId == agencyId && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .OrderBy(u => u.Id)
            .Select(u => u.Email!)
            .ToListAsync(ct);
    }

    private string Body(CitizenFeedback feedback)
    {
        var link = string.IsNullOrWhiteSpace(mail.Value.SiteUrl) ? "/feedback" : mail.Value.SiteUrl.TrimEnd('/') + "/feedback";
        return $"""
            گزارشی تازه از صفحه عمومی خدمت «{feedback.CardTitle}» رسیده است:

            {feedback.Text}

            راه تماس فرستنده: {feedback.Contact ?? "—"}

            برای پاسخ به صندوق بازخوردهای دستگاه بروید: {link}
            """;
    }
}

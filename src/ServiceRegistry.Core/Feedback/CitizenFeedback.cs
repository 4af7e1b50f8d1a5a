using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Feedback;

/// <summary>Where a report stands in the agency's inbox.</summary>
public enum FeedbackStatus
{
    [Display(Name = "جدید")] New,
    [Display(Name = "در حال بررسی")] InProgress,
    [Display(Name = "پاسخ داده شد")] Answered,
}

/// <summary>
/// A member of the public's report about a published service's page («گزارش اشکال این صفحه»). It belongs to the
/// card's agency: that agency's staff (and the national office) read it in their inbox, set its status and answer it.
/// The sender's address is kept only as a hash (<see cref="ClientKey"/>), enough to count their reports.
/// </summary>
public sealed class CitizenFeedback
{
    public const int MaxText = 2000;
    public const int MaxContact = 200;

    private CitizenFeedback()
    {
    }

    public CitizenFeedback(ServiceCard card, string text, string? contact, string? address, DateTimeOffset at)
    {
        CardId = card.Id;
        AgencyId = card.AgencyId;
        CardTitle = card.Title;
        Text = text.Trim();
        Contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        Client = ClientKey(address);
        CreatedAt = at.UtcDateTime;
    }

    public long Id { get; private set; }
    public int CardId { get; private set; }
    public int AgencyId { get; private set; }

    /// <summary>The service's title when the report was sent (the inbox lists it without loading cards).</summary>
    public string CardTitle { get; private set; } = "";

    public string Text { get; private set; } = "";

    /// <summary>An e-mail or phone the sender left for an answer (optional).</summary>
    public string? Contact { get; private set; }

    /// <summary>A hash of the sender's address: reports are counted per client without keeping the address.</summary>
    public string Client { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public FeedbackStatus Status { get; private set; }
    public string? Answer { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }

    /// <summary>The reports a person reads: their agencies' (and those under them) for agency staff, all for the national office.</summary>
    public static Expression<Func<CitizenFeedback, bool>> VisibleTo(Actor actor)
    {
        if (actor.IsAdmin)
        {
            return f => true;
        }

        var scope = actor.IsAgencyStaff ? actor.AgencyScope.ToList() : [];
        return f => scope.Contains(f.AgencyId);
    }

    /// <summary>Who has a feedback inbox at all: agency staff and the national office.</summary>
    public static bool HasInbox(Actor actor) => actor.IsAdmin || actor.IsAgencyStaff;

    public bool CanAnswer(Actor actor) => actor.IsAdmin || (actor.IsAgencyStaff && actor.AgencyScope.Contains(AgencyId));

    /// <summary>Sets the status and the answer (an empty answer keeps the one given before).</summary>
    public bool Respond(Actor actor, FeedbackStatus status, string? answer, DateTimeOffset at)
    {
        if (!CanAnswer(actor))
        {
            return false;
        }

        Status = status;
        if (!string.IsNullOrWhiteSpace(answer))
        {
            Answer = answer.Trim();
            AnsweredAt = at.UtcDateTime;
            AnsweredBy = actor.Name;
        }

        return true;
    }

    public static string ClientKey(string? address) =>
        string.IsNullOrEmpty(address) ? "-" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("feedback:" + address)))[..32];
}

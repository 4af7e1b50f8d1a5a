using ServiceRegistry.Core.Review;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// A service identity card in the registry: the workflow state (id, status, owning agency, service ID,
/// version, timestamps) around the <see cref="CardContent"/> that people write. Content changes only through
/// <see cref="Update"/> (or <see cref="Edit"/>, which checks who edits), which keeps every version and refreshes
/// the columns that lists and search use. Status changes only through the workflow methods (ServiceCard.Workflow.cs).
/// </summary>
public sealed partial class ServiceCard
{
    private ServiceCard()
    {
    }

    public int Id { get; private set; }
    public CardStatus Status { get; private set; }
    public int AgencyId { get; private set; }
    public Agency? Agency { get; private set; }

    /// <summary>The province of the owning agency (copied when the card is created; decides who reviews it).</summary>
    public string? Province { get; internal set; }

    /// <summary>The national service ID, once issued. Authoritative: the content's serviceId mirrors it.</summary>
    public string? ServiceId { get; private set; }

    /// <summary>The parent service when this card is a sub-service.</summary>
    public int? ParentId { get; private set; }

    /// <summary>For a revision of a published card: the published card it will replace when published.</summary>
    public int? RevisionOfId { get; private set; }

    /// <summary>Counts saved edits; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public CardContent Content { get; private set; } = new();

    // Copies of content for lists, filters and search (set only in Update).
    public string Title { get; private set; } = "";
    public string SearchText { get; private set; } = "";

    public List<CardVersion> Versions { get; private set; } = [];
    public List<ReviewComment> Comments { get; private set; } = [];
    public List<AuditEntry> AuditTrail { get; private set; } = [];

    /// <summary>A new draft written by agency staff. A service ID in the content is ignored: only the national office issues one.</summary>
    public static ServiceCard NewDraft(int agencyId, CardContent content, DateTimeOffset now, string createdBy = "سامانه")
    {
        var card = new ServiceCard { AgencyId = agencyId, Status = CardStatus.Draft, CreatedAt = now.UtcDateTime };
        card.Update(content, now, createdBy);
        return card;
    }

    /// <summary>
    /// A card brought in by an administrator from a registry file (import command, demo data). The file is trusted
    /// to carry its service ID, so an exported card imports as the same card.
    /// </summary>
    public static ServiceCard FromFile(int agencyId, CardContent content, CardStatus status, DateTimeOffset now)
    {
        var card = new ServiceCard
        {
            AgencyId = agencyId,
            Status = status,
            ServiceId = string.IsNullOrWhiteSpace(content.ServiceId) ? null : content.ServiceId.Trim(),
            CreatedAt = now.UtcDateTime,
            PublishedAt = status == CardStatus.Published ? now.UtcDateTime : null,
        };
        card.Update(content, now, "سامانه");
        return card;
    }

    /// <summary>Replaces the content (workflow state is kept), keeps the new version and refreshes the derived columns.</summary>
    public void Update(CardContent content, DateTimeOffset now, string savedBy = "سامانه")
    {
        content.ServiceId = ServiceId;
        Content = content;
        Title = content.Title.Trim();
        SearchText = PersianText.Normalize(string.Join(' ', content.Title, content.Description, content.Provider.Agency));
        UpdatedAt = now.UtcDateTime;
        Version++;
        Versions.Add(new CardVersion(Version, Exchange.CardJson.Clone(content), Status, now, savedBy));
    }
}

using ServiceRegistry.Core.Catalog;

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

    /// <summary>For a revision of a published card: the published card it will replace when published.</summary>
    public int? RevisionOfId { get; private set; }

    /// <summary>Counts saved edits; also the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public CardContent Content { get; private set; } = new();

    // Copies of content for lists, filters, facets and search (set only in Update, through Derive).
    public string Title { get; private set; } = "";

    /// <summary>The title as search words (normalised, see <see cref="SearchTerms"/>): sorting and title matches.</summary>
    public string TitleKey { get; private set; } = "";

    /// <summary>The searchable text (title, description, agency, unit, audience, system, documents, steps) as search words.</summary>
    public string SearchText { get; private set; } = "";

    public string? ParentServiceId { get; private set; }

    /// <summary>Bit sets of the content's service types, levels and life events (bit = the enum's ordinal).</summary>
    public int Types { get; private set; }
    public int Levels { get; private set; }
    public int LifeEvents { get; private set; }
    public Nature? Nature { get; private set; }

    /// <summary>E-readiness level 0–4 (<see cref="Cards.Maturity"/>).</summary>
    public int Maturity { get; private set; }
    public bool IsFree { get; private set; }

    // Figures for the dashboard (Statistics/Burden.cs, CardContent.Completeness); null = the card does not say enough.
    public long? RecipientsPerYear { get; private set; }
    public long? VisitsPerYear { get; private set; }
    public long? InquiriesByHandPerYear { get; private set; }
    public long? FeesPerYear { get; private set; }
    public int FieldsFilled { get; private set; }
    public int FieldsExpected { get; private set; }

    /// <summary>Which revision of the derivation rules (<see cref="DerivationRevision"/>) filled the derived columns;
    /// rows with an older one are derived again at start-up (<see cref="CatalogColumns.BackfillAsync"/>).</summary>
    public int DerivedRevision { get; private set; }

    /// <summary>Bump when <see cref="Derive"/> or a rule it calls (maturity, burden, completeness) changes, so stored rows are recomputed.</summary>
    public const int DerivationRevision = 2;

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
        Derive();
        UpdatedAt = now.UtcDateTime;
        Version++;
        Versions.Add(new CardVersion(Version, CardJson.Clone(content), Status, now, savedBy));
    }

    /// <summary>Recomputes the derived columns from the content (also used once after a migration adds columns).</summary>
    public void Derive()
    {
        var content = Content;
        Title = content.Title.Trim();
        TitleKey = SearchTerms.Document(content.Title);
        SearchText = SearchTerms.Join(
            content.Title, content.Description, content.Provider.Agency, content.Provider.ParentAgency, content.Provider.Unit,
            content.Audience, content.SystemName, content.ProcessTitle, string.Join(' ', content.RequiredDocuments),
            string.Join(' ', content.ProcessSteps), content.LifeEventOther);
        ParentServiceId = string.IsNullOrWhiteSpace(content.ParentServiceId) ? null : content.ParentServiceId.Trim();
        Types = Bits(content.ServiceTypes);
        Levels = Bits(content.Levels);
        LifeEvents = Bits(content.LifeEvents);
        Nature = content.Nature;
        Maturity = content.Maturity().Level;
        IsFree = content.IsFree();
        var burden = content.Burden();
        RecipientsPerYear = burden.RecipientsPerYear;
        VisitsPerYear = burden.VisitsPerYear;
        InquiriesByHandPerYear = burden.InquiriesByHandPerYear;
        FeesPerYear = burden.FeesPerYear;
        var completeness = content.Completeness();
        FieldsFilled = completeness.Filled;
        FieldsExpected = completeness.Expected;
        DerivedRevision = DerivationRevision;
    }

    /// <summary>A set of enum values as bits (bit n = the value with ordinal n).</summary>
    public static int Bits<T>(IEnumerable<T> values) where T : struct, Enum =>
        values.Aggregate(0, (bits, v) => bits | (1 << Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)));
}

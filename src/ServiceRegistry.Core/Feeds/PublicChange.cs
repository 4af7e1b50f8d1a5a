using System.ComponentModel.DataAnnotations;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Feeds;

/// <summary>What happened to the public catalog. Stored and served as the code (<c>published</c>…); consumers ignore
/// kinds they do not know, so later kinds (a template changed) can be added without a new feed version.</summary>
public enum PublicChangeKind
{
    /// <summary>A service entered the public catalog (published, or imported as published).</summary>
    [Display(Name = "انتشار")] Published,

    /// <summary>A published service's content changed (a revision was published, or an import replaced it).</summary>
    [Display(Name = "بازنگری")] Revised,

    /// <summary>A published service left the public catalog (archived: the registry's only way to withdraw one).</summary>
    [Display(Name = "بایگانی")] Archived,

    /// <summary>The national template a published service follows changed (a substantive change was published, or the
    /// template was archived): the service is flagged until its agency answers (the parts in <see cref="PublicChange.ChangedParts"/>).</summary>
    [Display(Name = "تغییر الگو")] TemplateChanged,
}

/// <summary>
/// One change to public data, in commit order (<see cref="Seq"/>): the feed, the Atom feed and webhooks read these rows.
/// Written in the same transaction as the card's change by <see cref="PublicChangeRecorder"/>; never updated.
/// </summary>
public sealed class PublicChange
{
    private PublicChange()
    {
    }

    public PublicChange(PublicChangeKind kind, ServiceCard card)
    {
        Detail = kind == PublicChangeKind.TemplateChanged ? card.TemplateChanges : null;
        Kind = kind;
        CardId = card.Id;
        Card = card;
        ServiceId = card.ServiceId;
        AgencyId = card.AgencyId;
        Title = card.Title;
        Version = card.Version;
        At = card.UpdatedAt;
        Content = kind == PublicChangeKind.Archived ? null : CardJson.Clone(card.Content);
    }

    /// <summary>The position in commit order: on PostgreSQL assigned under a transaction-scoped advisory lock (migration
    /// 20261130160000), on SQLite under the database's single write lock, so a later number never commits before an earlier one.</summary>
    public long Seq { get; private set; }

    public PublicChangeKind Kind { get; private set; }
    public int CardId { get; private set; }

    /// <summary>Only to let EF order the insert after a new card's (and fill <see cref="CardId"/>).</summary>
    public ServiceCard? Card { get; private set; }

    public string? ServiceId { get; private set; }
    public int AgencyId { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The card's version after the change.</summary>
    public int Version { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The card as the public saw it after the change (the spec's JSON); null when it left the catalog.</summary>
    public CardContent? Content { get; private set; }

    /// <summary>For <see cref="PublicChangeKind.TemplateChanged"/>: the template's parts that changed, comma-separated (as the card keeps them).</summary>
    public string? Detail { get; private set; }

    public IReadOnlyList<string>? ChangedParts => Detail?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

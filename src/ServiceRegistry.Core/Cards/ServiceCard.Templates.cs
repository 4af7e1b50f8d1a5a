
namespace ServiceRegistry.Core.Cards;

/// <summary>
/// National templates and their local instances (shared/spec/templates-and-figures.md). A template is a card of a
/// national body that goes through the same workflow as any card; an instance is an agency's card made from a
/// published template. The instance stores its effective content (<see cref="TemplateParts.Effective"/>: the
/// template's parts, its overrides and its local parts), so lists, search and exports read it like any card; it also
/// remembers which template version it follows, which shared parts it overrides and which parts changed on the
/// template since (until its editors accept them or keep their own).
/// </summary>
public sealed partial class ServiceCard
{
    /// <summary>The pseudo-part recorded in <see cref="TemplateChanges"/> when the template was archived.</summary>
    public const string TemplateArchivedMark = "archived";

    /// <summary>A national template (its instances are the cards whose <see cref="TemplateId"/> is this card's id).</summary>
    public bool IsTemplate { get; private set; }

    /// <summary>For an instance: the template it follows.</summary>
    public int? TemplateId { get; private set; }

    /// <summary>For an instance: the template's <see cref="Version"/> whose text it follows.</summary>
    public int? TemplateVersion { get; private set; }

    /// <summary>For an instance: the shared parts it sets over the template (keys, comma-separated; "" for none).</summary>
    public string OverriddenParts { get; private set; } = "";

    /// <summary>For an instance: the shared parts changed substantively on the published template since
    /// <see cref="TemplateVersion"/> (keys, comma-separated), or <see cref="TemplateArchivedMark"/>; null when none.</summary>
    public string? TemplateChanges { get; private set; }

    public bool IsInstance => TemplateId is not null;

    /// <summary>The JSON paths of the shared parts this instance overrides.</summary>
    public IReadOnlyList<string> Overrides => Keys(OverriddenParts).Select(k => "$." + k).ToList();

    /// <summary>The shared parts changed on the template and not yet accepted or kept (keys), without the archive mark.</summary>
    public IReadOnlyList<string> ChangedParts => Keys(TemplateChanges).Where(k => k != TemplateArchivedMark).ToList();

    public bool TemplateArchived => Keys(TemplateChanges).Contains(TemplateArchivedMark);

    /// <summary>Makes a card not yet stored a template (a new draft of a national body, or a file the administrator loads).</summary>
    public WorkflowResult MakeTemplate()
    {
        if (Id != 0 || IsInstance)
        {
            return WorkflowResult.Refused("فقط شناسنامه تازه‌ای که از روی الگو ساخته نشده الگوی ملی می‌شود.");
        }

        IsTemplate = true;
        return WorkflowResult.Done;
    }

    /// <summary>Whether agencies may make their cards from this one now: a published template.</summary>
    public WorkflowResult CanInstantiate() =>
        !IsTemplate ? WorkflowResult.Refused("این شناسنامه الگوی ملی نیست.")
        : Status != CardStatus.Published || RevisionOfId is not null ? WorkflowResult.Refused("فقط از الگوی منتشرشده می‌توان شناسنامه ساخت.")
        : WorkflowResult.Done;

    /// <summary>Makes this card (loaded from a file, not yet under a template) an instance of <paramref name="template"/>
    /// that keeps its own <paramref name="overridden"/> parts; the rest is taken from the template.</summary>
    public void Follow(ServiceCard template, IReadOnlyCollection<string> overridden, DateTimeOffset now)
    {
        TemplateId = template.Id;
        TemplateVersion = template.Version;
        OverriddenParts = Join(overridden.Select(k => TemplateParts.Find(k)?.Key).OfType<string>());
        Update(TemplateParts.Effective(template.Content, Content, overridden), now);
    }

    /// <summary>Bulk loading (synthetic registries, written without EF): this card, whose content was made from the
    /// template's (<see cref="TemplateParts.Effective"/>), follows the template stored as <paramref name="templateId"/>.</summary>
    internal void FollowStored(int templateId, int templateVersion, IReadOnlyCollection<string> overridden)
    {
        TemplateId = templateId;
        TemplateVersion = templateVersion;
        OverriddenParts = Join(overridden);
    }

    /// <summary>After an edit of an instance: the shared parts that now differ from the template are its overrides
    /// (a part with a template change still pending keeps its state until it is accepted or kept).</summary>
    public void RefreshOverrides(CardContent template)
    {
        var pending = ChangedParts;
        var differ = TemplateParts.Changed(template, Content).Where(k => !pending.Contains(k));
        OverriddenParts = Join(Keys(OverriddenParts).Concat(differ)); // an override stays until it is reverted (RevertPart)
    }

    /// <summary>For an instance: how each part stands, by key (the shared parts inherited or overridden, the spec's local
    /// parts local); empty for any other card.</summary>
    public IReadOnlyDictionary<string, PartState> PartStates()
    {
        var states = new Dictionary<string, PartState>(StringComparer.Ordinal);
        if (!IsInstance)
        {
            return states;
        }

        var overridden = Keys(OverriddenParts);
        foreach (var part in TemplateParts.Shared)
        {
            states[part.Key] = overridden.Contains(part.Key) ? PartState.Overridden : PartState.Inherited;
        }

        foreach (var key in TemplateParts.LocalKeys)
        {
            states[key] = PartState.Local;
        }

        return states;
    }

    /// <summary>An edit from the instance's form, where inherited parts are read-only: whatever was posted for them,
    /// they keep this card's stored text (which changes only by <see cref="OverridePart"/>, <see cref="RevertPart"/> or
    /// an answer to a template change). Any other card's edit is returned as it is.</summary>
    public CardContent KeepInherited(CardContent edited) =>
        IsInstance ? TemplateParts.Take(Content, edited, TemplateParts.Shared.Select(p => p.Key).Except(Keys(OverriddenParts))) : edited;

    /// <summary>Whether <paramref name="actor"/> may override or revert <paramref name="part"/> (a shared part's key or
    /// path) now: an editor of the card while it is editable, on an instance, a part without a template change pending.</summary>
    public WorkflowResult CanSetPart(Actor actor, string part) =>
        CanEdit(actor) is { Ok: false } refused ? refused
        : !IsInstance ? WorkflowResult.Refused("این شناسنامه از روی الگوی ملی ساخته نشده است.")
        : TemplateParts.Find(part) is not { } found ? WorkflowResult.Refused("این بخش از بخش‌های الگوی ملی نیست.")
        : ChangedParts.Contains(found.Key) ? WorkflowResult.Refused($"الگوی ملی «{found.Label}» را تغییر داده است؛ ابتدا به تغییر الگو پاسخ دهید.")
        : WorkflowResult.Done;

    /// <summary>The editor takes an inherited part to write locally: it keeps the template's text as a start and is from
    /// now an override (until reverted), editable on the form. Audited; moves the version.</summary>
    public WorkflowResult OverridePart(Actor actor, string part, DateTimeOffset now)
    {
        var check = CanSetPart(actor, part);
        if (!check.Ok)
        {
            return check;
        }

        var found = TemplateParts.Find(part)!;
        if (Keys(OverriddenParts).Contains(found.Key))
        {
            return WorkflowResult.Refused($"«{found.Label}» پیش از این بازنویسی شده است.");
        }

        OverriddenParts = Join(Keys(OverriddenParts).Append(found.Key));
        return Move(actor, now, Status, AuditActions.PartOverridden, found.Label);
    }

    /// <summary>The editor drops the local text of an overridden part: it takes <paramref name="template"/>'s text again
    /// and is inherited (read-only) from now on. Audited; moves the version.</summary>
    public WorkflowResult RevertPart(Actor actor, ServiceCard template, string part, DateTimeOffset now)
    {
        var check = CanSetPart(actor, part);
        if (!check.Ok)
        {
            return check;
        }

        var found = TemplateParts.Find(part)!;
        if (template.Id != TemplateId)
        {
            return WorkflowResult.Refused("این الگوی همین شناسنامه نیست.");
        }

        if (!Keys(OverriddenParts).Contains(found.Key))
        {
            return WorkflowResult.Refused($"«{found.Label}» بازنویسی نشده است و متن آن همان متن الگوست.");
        }

        OverriddenParts = Join(Keys(OverriddenParts).Where(k => k != found.Key));
        Update(TemplateParts.Take(template.Content, Content, [found.Key]), now, actor.Name);
        Record(actor, now, AuditActions.PartReverted, found.Label);
        return WorkflowResult.Done;
    }

    /// <summary>Flags this instance: the template's <paramref name="parts"/> changed (or the template was archived,
    /// <see cref="TemplateArchivedMark"/>). Audited; moves the version, so a page open on the old state is stale.</summary>
    public void MarkTemplateChanged(IReadOnlyCollection<string> parts, Actor actor, DateTimeOffset now)
    {
        TemplateChanges = Join(Keys(TemplateChanges).Concat(parts));
        var labels = parts.Select(p => TemplateParts.Find(p)?.Label ?? "بایگانی الگو");
        Move(actor, now, Status, AuditActions.TemplateChanged, string.Join("، ", labels));
    }

    /// <summary>Why an edit made on version <paramref name="seen"/> of this instance is stale because its national
    /// template changed since (Persian, naming the changed parts), or null: the change moved the instance's version,
    /// and it must be answered (accepted or kept) before the instance's text is edited on top of it.</summary>
    public string? TemplateChangedSince(int seen)
    {
        if (seen >= Version || TemplateChanges is null)
        {
            return null;
        }

        var what = TemplateArchived ? "الگوی ملی این شناسنامه بایگانی شده است" : $"الگوی ملی این شناسنامه تغییر کرده است ({Names(ChangedParts.ToList())})";
        return $"{what} و شما نسخه {Text.PersianText.ToPersianDigits(seen.ToString(System.Globalization.CultureInfo.InvariantCulture))} را ویرایش کرده‌اید. "
            + "ابتدا تغییر الگو را بررسی کنید (پذیرفتن متن الگو یا نگه‌داشتن متن خودتان)، سپس ویرایش را روی نسخه تازه انجام دهید.";
    }

    /// <summary>Instance editors answer a template change while they may change the card: not while it is under review.</summary>
    public WorkflowResult CanAnswerTemplateChange(Actor actor) =>
        !actor.IsEditorOf(this) && !actor.IsHeadOf(this) ? WorkflowResult.NotAllowed("فقط کارشناسان همین دستگاه به تغییر الگو پاسخ می‌دهند.")
        : !IsInstance || TemplateChanges is null ? WorkflowResult.Refused("الگوی این شناسنامه تغییری ندارد که پاسخ بخواهد.")
        : Status is not (CardStatus.Draft or CardStatus.Returned or CardStatus.Published) ? WorkflowResult.Refused($"شناسنامه در وضعیت «{Labels.Of(Status)}» است؛ پس از بررسی به تغییر الگو پاسخ دهید.")
        : WorkflowResult.Done;

    /// <summary>
    /// The editor's answer to a template change, in one action: the parts in <paramref name="accept"/> take the
    /// template's new text; every other changed part keeps the instance's own (and is then an override, if it
    /// differs). The instance then follows the template's current version. Audited with both lists.
    /// </summary>
    public WorkflowResult AnswerTemplateChange(Actor actor, ServiceCard template, IReadOnlyCollection<string> accept, DateTimeOffset now)
    {
        var check = CanAnswerTemplateChange(actor);
        if (!check.Ok)
        {
            return check;
        }

        if (template.Id != TemplateId)
        {
            return WorkflowResult.Refused("این الگوی همین شناسنامه نیست.");
        }

        var changed = ChangedParts;
        var taken = changed.Where(k => accept.Any(a => TemplateParts.Find(a)?.Key == k)).ToList();
        var kept = changed.Except(taken).ToList();
        var content = TemplateParts.Take(template.Content, Content, taken);
        var stillDifferent = TemplateParts.Changed(template.Content, content);
        OverriddenParts = Join(Keys(OverriddenParts).Except(taken).Concat(kept.Where(stillDifferent.Contains)));
        TemplateChanges = null;
        TemplateVersion = template.Version;
        Update(content, now, actor.Name);
        Record(actor, now, AuditActions.TemplateAnswered,
            $"پذیرفته: {Names(taken)}؛ نگه‌داشته: {Names(kept)}");
        return WorkflowResult.Done;
    }

    /// <summary>The template link a revision carries from the card it revises, and back when it is published.</summary>
    private void CopyTemplateLink(ServiceCard from)
    {
        IsTemplate = from.IsTemplate;
        TemplateId = from.TemplateId;
        TemplateVersion = from.TemplateVersion;
        OverriddenParts = from.OverriddenParts;
        TemplateChanges = from.TemplateChanges;
    }

    private static string Names(List<string> keys) =>
        keys.Count == 0 ? "هیچ" : string.Join("، ", keys.Select(k => TemplateParts.Find(k)?.Label ?? k));

    private static List<string> Keys(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : [.. joined.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private static string Join(IEnumerable<string> keys)
    {
        var set = keys.ToHashSet(StringComparer.Ordinal);
        var ordered = TemplateParts.Shared.Select(p => p.Key).Where(set.Contains)
            .Concat(set.Contains(TemplateArchivedMark) ? [TemplateArchivedMark] : []);
        return string.Join(',', ordered);
    }
}

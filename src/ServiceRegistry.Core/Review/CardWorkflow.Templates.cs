using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Review;

/// <summary>Templates and instances: a national body's new template, an agency's new instance of a published
/// template, the flag a template change leaves on every instance, and an editor's answer to it.</summary>
public sealed partial class CardWorkflow
{
    /// <summary>Stores <paramref name="content"/> as a new draft template of <paramref name="agency"/> (a national body).</summary>
    public async Task<WorkflowOutcome> CreateTemplateAsync(Agency agency, CardContent content, Actor actor, CancellationToken ct = default)
    {
        if (!actor.MayCreateTemplateUnder(agency))
        {
            return new WorkflowOutcome(WorkflowOutcomeKind.Forbidden, "الگوی ملی را کارشناسان دستگاه ملی مسئول یا مدیر ملی سامانه می‌سازند.", null);
        }

        var now = time.GetUtcNow();
        var card = ServiceCard.NewDraft(agency.Id, content, now, actor.Name);
        card.Province = agency.Province;
        card.MakeTemplate();
        card.RecordCreated(actor, now);
        db.Cards.Add(card);
        await db.SaveChangesAsync(ct);
        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>Stores a new draft instance of the published template <paramref name="templateId"/> for
    /// <paramref name="agency"/>, with the local parts of <paramref name="local"/> (provider, fees, offices…).</summary>
    public async Task<WorkflowOutcome> CreateInstanceAsync(int templateId, Agency agency, CardContent local, Actor actor, CancellationToken ct = default)
    {
        var template = await db.Cards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == templateId, ct);
        if (template is null || !actor.CanView(template))
        {
            return NotFound();
        }

        if (!actor.MayFileUnder(agency))
        {
            return new WorkflowOutcome(WorkflowOutcomeKind.Forbidden, "این دستگاه اجرایی در فهرست دستگاه‌های شما نیست.", null);
        }

        if (template.CanInstantiate() is { Ok: false } refused)
        {
            return Refusal(refused, template);
        }

        var now = time.GetUtcNow();
        var card = ServiceCard.NewInstance(agency.Id, template, local, now, actor.Name);
        card.Province = agency.Province;
        card.RecordCreated(actor, now);
        db.Cards.Add(card);
        await db.SaveChangesAsync(ct);
        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>The editor's answer to a template change: the parts in <paramref name="accept"/> take the template's text,
    /// the other changed parts keep the instance's own (<see cref="ServiceCard.AnswerTemplateChange"/> has the rule).</summary>
    public async Task<WorkflowOutcome> AnswerTemplateChangeAsync(
        int cardId, Actor actor, IReadOnlyCollection<string> accept, int? expectedVersion, CancellationToken ct = default)
    {
        var card = await db.Cards.Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var template = card.TemplateId is { } id ? await db.Cards.AsNoTracking().SingleAsync(c => c.Id == id, ct) : null;
        var seenVersion = card.Version;
        var result = template is null ? card.CanAnswerTemplateChange(actor) : card.AnswerTemplateChange(actor, template, accept, time.GetUtcNow());
        if (!result.Ok)
        {
            db.ChangeTracker.Clear();
            return Refusal(result, card);
        }

        if ((expectedVersion is { } v && v != seenVersion) || !await SaveAsync(ct))
        {
            db.ChangeTracker.Clear();
            return Conflict(card);
        }

        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>An instance's editor takes an inherited part to write locally (<see cref="ServiceCard.OverridePart"/> has
    /// the rule). <paramref name="expectedVersion"/> as in <see cref="SaveContentAsync"/>: a card moved on since is a conflict.</summary>
    public Task<WorkflowOutcome> OverridePartAsync(int cardId, Actor actor, string part, int? expectedVersion, CancellationToken ct = default) =>
        SetPartAsync(cardId, actor, expectedVersion, (card, _, now) => card.OverridePart(actor, part, now), ct);

    /// <summary>An instance's editor gives an overridden part back to the template's text (<see cref="ServiceCard.RevertPart"/>).</summary>
    public Task<WorkflowOutcome> RevertPartAsync(int cardId, Actor actor, string part, int? expectedVersion, CancellationToken ct = default) =>
        SetPartAsync(cardId, actor, expectedVersion, (card, template, now) => card.RevertPart(actor, template, part, now), ct);

    private async Task<WorkflowOutcome> SetPartAsync(
        int cardId, Actor actor, int? expectedVersion, Func<ServiceCard, ServiceCard, DateTimeOffset, WorkflowResult> step, CancellationToken ct)
    {
        var card = await db.Cards.Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var seenVersion = card.Version;
        var template = card.TemplateId is { } id ? await db.Cards.AsNoTracking().SingleAsync(c => c.Id == id, ct) : null;
        var result = template is null ? card.CanSetPart(actor, "") : step(card, template, time.GetUtcNow());
        if (!result.Ok)
        {
            db.ChangeTracker.Clear();
            return Refusal(result, card);
        }

        if ((expectedVersion is { } v && v != seenVersion) || !await SaveAsync(ct))
        {
            db.ChangeTracker.Clear();
            var current = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == cardId, ct);
            return current is null ? NotFound() : Conflict(current);
        }

        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>Flags every instance of <paramref name="template"/> (open revisions included, archived ones not) with the
    /// changed parts; saved with the step that changed the template.</summary>
    private async Task FlagInstancesAsync(ServiceCard template, IReadOnlyCollection<string> parts, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var instances = await db.Cards.Where(c => c.TemplateId == template.Id && c.Status != CardStatus.Archived).ToListAsync(ct);
        foreach (var instance in instances)
        {
            instance.MarkTemplateChanged(parts, actor, now);
        }
    }
}

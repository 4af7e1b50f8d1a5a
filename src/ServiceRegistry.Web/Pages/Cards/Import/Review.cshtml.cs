using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Core.Text;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards.Import;

/// <summary>
/// Reviews one imported file: the card form prefilled with the importer's draft beside the text it was read from,
/// the fields the importer was unsure of highlighted (and listed, with the source line), the text it could not place
/// listed; «ذخیره پیش‌نویس» stores the card as a draft of the chosen agency, audited as imported.
/// </summary>
public sealed class ReviewModel(RegistryDbContext db, CardWorkflow workflow) : NewCardPageModel
{
    /// <summary>A field the importer was unsure of: its label, where it is on the form, and where it came from.</summary>
    public sealed record UnsureField(string Label, string FieldId, int Line, string Snippet);

    private ImportItem _item = null!;

    public int BatchId { get; private set; }
    public int Position { get; private set; }
    public ImportItem Item => _item;
    public IReadOnlyList<string> SourceLines { get; private set; } = [];
    public IReadOnlySet<int> UnsureLines { get; private set; } = new HashSet<int>();
    public IReadOnlyList<UnsureField> Unsure { get; private set; } = [];
    public IReadOnlyList<string> UnmappedText { get; private set; } = [];

    /// <summary>The file was read and its draft is not saved yet.</summary>
    public bool CanSave => _item is { Status: ImportItemStatus.Done, Outcome: ImportOutcome.Imported or ImportOutcome.NeedsReview, CardId: null, Draft: not null };

    public override string CancelUrl => $"/cards/import/{BatchId}";

    public override string SaveLabel => "ذخیره پیش‌نویس";

    /// <summary>A file that repeats a card may become that card's next state (a revision of a published one).</summary>
    public override bool OffersRevision => true;

    /// <summary>Whether a card whose title and parent agency match a national template (<see cref="TemplateMatch"/>) is
    /// saved as its instance (proposed, so preselected) or as a standalone card.</summary>
    [BindProperty]
    public TemplateChoice AsTemplate { get; set; }

    /// <summary>The published template the card matches, proposed as the card's template; null when none.</summary>
    public ServiceCard? Proposed { get; private set; }

    /// <summary>Every handler (the list buttons' too) works on a file of the person's own batch: 404 otherwise.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var actor = HttpContext.GetActor();
        if (!actor.MayCreate)
        {
            context.Result = Forbid();
            return;
        }

        BatchId = Route("batchId");
        Position = Route("n");
        var item = await db.ImportItems
            .Where(i => i.BatchId == BatchId && i.Position == Position && db.ImportBatches.Visible(actor).Any(b => b.Id == i.BatchId))
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (item is null)
        {
            context.Result = NotFound();
            return;
        }

        _item = item;
        await next();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CanSave)
        {
            Card = CardJson.Clone(_item.Draft!);
            AgencyId = await ImportSameService.AgencyOfAsync(db, HttpContext.GetActor(), _item.Draft, ct);
            Describe();
        }

        await PrepareAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanSave)
        {
            return Redirect($"/cards/import/{BatchId}/{Position}");
        }

        var actor = HttpContext.GetActor();
        var agency = await ChooseAgencyAsync(db, actor, ct);
        if (!CheckPostedCard() || agency is null || !await CheckSameServiceAsync(db, agency.Id, ct))
        {
            await PrepareAsync(ct);
            return Page();
        }

        // The template is matched again on what is posted (the person may have changed the title or parent agency).
        Proposed = await TemplateMatch.FindAsync(db.Cards, Card, ct);
        var template = AsTemplate == TemplateChoice.Instance ? Proposed : null;

        // The card and the file's link to it are stored together; a second save of the same file (another tab) fails
        // on the file's concurrency token and stores nothing.
        WorkflowOutcome outcome = null!;
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using IDbContextTransaction tx = await db.Database.BeginTransactionAsync(ct);
                // A file that repeats a card is saved only by the person's choice: into that card, or as a new one (audited).
                outcome = Same is null ? await workflow.CreateDraftAsync(agency, Card, actor, AuditActions.Imported, template, ct)
                    : Duplicate == DuplicateChoice.Revise ? await workflow.ReviseFromAsync(Same.Id, Card, actor, $"از فایل «{_item.FileName}»", ct)
                    : await workflow.CreateDuplicateDraftAsync(agency, Card, actor, Same, AuditActions.Imported, template, ct);
                if (outcome.Ok)
                {
                    _item.Saved(outcome.Card!.Id);
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = $"پرونده «{_item.FileName}» پیش‌تر ذخیره شده بود؛ دوباره ذخیره نشد.";
            return Redirect(CancelUrl);
        }

        if (outcome.Kind == WorkflowOutcomeKind.Refused)
        {
            ModelState.AddModelError(nameof(Duplicate), $"در شناسنامه موجود ذخیره نشد: {outcome.Reason}");
            Describe();
            await PrepareAsync(ct);
            return Page();
        }

        if (!outcome.Ok)
        {
            return Forbid();
        }

        var card = outcome.Card!;
        TempData["Flash"] = Same is { } same && (card.Id == same.Id || card.RevisionOfId == same.Id)
            ? $"محتوای فایل در شناسنامه «{card.Title}» ذخیره شد{(card.RevisionOfId is null ? "" : " (بازنگری شناسنامه منتشرشده)")}."
            : card.IsInstance ? $"«{card.Title}» به صورت پیش‌نویس، نمونه الگوی ملی «{template?.Title}»، ذخیره شد."
            : $"«{card.Title}» به صورت پیش‌نویس ذخیره شد.";
        return Redirect(CancelUrl);
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        await LoadAgenciesAsync(db, ct);
        if (CanSave)
        {
            await FindSameAsync(db, ct);
            Proposed ??= await TemplateMatch.FindAsync(db.Cards, Card, ct);
        }

        AgencyAsWritten = _item.Draft?.Provider?.Agency;
        SourceLines = (_item.SourceText ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        UnmappedText = _item.Draft?.Unmapped ?? [];

        var sources = _item.Sources().Where(s => s.Confidence == Confidence.Unsure).ToList();
        var unsure = sources
            .Select(s => new UnsureField(CardFields.LabelOf(s.Path), CardFormNames.Id(CardFormNames.FieldName(s.Path)), s.Line, s.Snippet))
            .ToList();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in sources)
        {
            notes[CardFormNames.FieldName(s.Path)] = $"خواندن این فیلد از فایل قطعی نبود؛ با متن اصلی مقایسه کنید (سطر {Line(s.Line)}: «{s.Snippet}»).";
        }

        if (_item.Draft is { } draft && string.IsNullOrWhiteSpace(draft.Title))
        {
            unsure.Insert(0, new UnsureField(CardFields.LabelOf("$.title"), "Card_Title", 0, ""));
            notes["Card.Title"] = "عنوان خدمت در فایل پیدا نشد؛ آن را بنویسید.";
        }

        Unsure = unsure;
        UnsureLines = sources.Select(s => s.Line).ToHashSet();
        ViewData[CardFormNames.UnsureKey] = notes;
    }

    private int Route(string key) =>
        int.TryParse(RouteData.Values[key] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Line(int line) => PersianText.ToPersianDigits(line.ToString(CultureInfo.InvariantCulture));
}

/// <summary>What to make of a file whose card matches a national template: its instance (the proposal) or a standalone card.</summary>
public enum TemplateChoice
{
    Instance,
    Standalone,
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>
/// What the new-card and edit pages share: the bound <see cref="CardContent"/>, the list buttons' handlers
/// (add or remove a row without saving), and checking a posted card against the model's rules
/// (<see cref="CardContent.ValidationProblems"/>), errors beside their fields and warnings shown but not blocking.
/// </summary>
public abstract class CardFormPageModel : PageModel
{
    [BindProperty]
    public CardContent Card { get; set; } = new();

    /// <summary>How complete the card on the form is.</summary>
    public CardCompleteness Completeness { get; private set; } = new(0, 0, 0, []);

    /// <summary>The national service ID of the card (shown, never edited by staff).</summary>
    public virtual string? ServiceId => null;

    /// <summary>The save button's text.</summary>
    public virtual string SaveLabel => "ذخیره";

    /// <summary>Where «انصراف» goes.</summary>
    public abstract string CancelUrl { get; }

    /// <summary>The field name of a row just added (it gets the focus).</summary>
    public string? NewRow { get; private set; }

    /// <summary>The errors of the last save, in form order, for the summary at the top of the form.</summary>
    public IReadOnlyList<(string FieldId, string Message)> ErrorSummary { get; private set; } = [];

    /// <summary>The «افزودن» buttons: adds an empty row to a list and shows the form again (nothing is saved).</summary>
    public async Task<IActionResult> OnPostAddAsync(string list, CancellationToken ct)
    {
        CardListEditing.KeepTypedValues(ModelState);
        NewRow = CardListEditing.Add(Card, list);
        ViewData["NewRow"] = NewRow;
        Describe();
        await PrepareAsync(ct);
        return Page();
    }

    /// <summary>The «حذف» buttons: removes a row and shows the form again (nothing is saved).</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string list, int index, CancellationToken ct)
    {
        CardListEditing.Remove(Card, list, index);
        CardListEditing.KeepTypedValues(ModelState, list, index);
        Describe();
        await PrepareAsync(ct);
        return Page();
    }

    /// <summary>JSON paths whose problems the page reports on its own fields (the new-card page's agency select).</summary>
    protected virtual IReadOnlySet<string> ProblemsShownElsewhere { get; } = new HashSet<string>();

    /// <summary>Loads what the page shows around the form (agencies, the card's state).</summary>
    protected abstract Task PrepareAsync(CancellationToken ct);

    /// <summary>
    /// Cleans the posted card and checks it: blank rows go, text is trimmed, and every rule the model knows is
    /// checked. Returns true when the card may be stored (warnings do not stop a draft).
    /// </summary>
    protected bool CheckPostedCard()
    {
        CardListEditing.DropBlankRows(Card, ModelState);
        Card.Tidy();
        var problems = Card.ValidationProblems().Where(p => !ProblemsShownElsewhere.Contains(p.Path)).ToList();
        CardFormNames.AddErrors(ModelState, problems);
        Describe(problems);
        return ModelState.IsValid;
    }

    /// <summary>Completeness and warnings of the card as it stands, and the error summary from model state.</summary>
    protected void Describe(IReadOnlyList<CardProblem>? problems = null)
    {
        problems ??= Tidied.ValidationProblems(Card);
        ViewData[FieldTagHelper.WarningsKey] = CardFormNames.Warnings(problems);
        Completeness = Tidied.Completeness(Card);
        ErrorSummary = ModelState
            .Where(e => e.Value!.Errors.Count > 0)
            .SelectMany(e => e.Value!.Errors.Select(x => (CardFormNames.Id(e.Key), x.ErrorMessage)))
            .ToList();
    }

    /// <summary>The rules on a tidied copy, for when the form is only being redrawn (its rows may still be blank).</summary>
    private static class Tidied
    {
        public static List<CardProblem> ValidationProblems(CardContent card) =>
            Core.Cards.CardJson.Clone(card).Tidy().ValidationProblems()
                .Where(p => p.Severity == ProblemSeverity.Warning).ToList();

        public static CardCompleteness Completeness(CardContent card) => Core.Cards.CardJson.Clone(card).Tidy().Completeness();
    }
}

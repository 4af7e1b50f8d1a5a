using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Admin;

/// <summary>The agencies as a tree (ministry → provincial directorate → county office); the national office adds them.</summary>
public sealed class AgenciesModel(RegistryDbContext db) : PageModel
{
    public IReadOnlyList<Node> Roots { get; private set; } = [];
    public IReadOnlyList<Agency> All { get; private set; } = [];

    [BindProperty]
    public NewAgency Form { get; set; } = new();

    public sealed class NewAgency
    {
        [Required(ErrorMessage = "نام دستگاه را بنویسید.")]
        [Display(Name = "نام دستگاه")]
        public string Name { get; set; } = "";

        [Display(Name = "استان")]
        public string? Province { get; set; }

        [Display(Name = "دستگاه بالادست")]
        public int? ParentId { get; set; }
    }

    public sealed record Node(Agency Agency, int Cards, IReadOnlyList<Node> Children);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Form.Name?.Trim() ?? "";
        if (ModelState.IsValid && await db.Agencies.AnyAsync(a => a.Name == name, ct))
        {
            ModelState.AddModelError("Form.Name", "دستگاهی با این نام هست.");
        }

        Agency? parent = null;
        if (Form.ParentId is { } parentId && (parent = await db.Agencies.FindAsync([parentId], ct)) is null)
        {
            ModelState.AddModelError("Form.ParentId", "دستگاه بالادست پیدا نشد.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var province = string.IsNullOrWhiteSpace(Form.Province) ? parent?.Province : Form.Province.Trim();
        db.Agencies.Add(new Agency(name, province, parent));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"دستگاه «{name}» افزوده شد.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        All = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        var counts = await db.Cards.GroupBy(c => c.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var children = All.ToLookup(a => a.ParentId);
        Node Build(Agency a) => new(a, counts.GetValueOrDefault(a.Id), children[a.Id].Select(Build).ToList());
        Roots = children[null].Select(Build).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Seeding;

/// <summary>
/// The five services of the sample forms (shared/samples/forms), entered by hand as complete cards
/// (Demo/*.json), published under demo agencies so a newcomer sees a real registry at once. The residence-documents
/// service is a national template of the Ministry of the Interior, with published instances of the Lorestan and
/// Tehran governorates (Demo/residence-documents.{lorestan,tehran}.json; Tehran's fee differs from the template's).
/// </summary>
public sealed class DemoData(RegistryDbContext db, TimeProvider time, UserAccounts accounts)
{
    /// <summary>The password of every demo account (README lists them). Demo data is for trying the registry, never for production.</summary>
    public const string DemoPassword = "demo-1405-password";

    /// <summary>Demo accounts: (email, display name, role, agency name or null, province or null).</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role, string? Agency, string? Province)> DemoAccounts =
    [
        ("admin@demo.example", "مدیر ملی (نمونه)", Roles.NationalAdmin, null, null),
        ("editor.lorestan@demo.example", "کارشناس سازمان مدیریت لرستان (نمونه)", Roles.AgencyEditor, "سازمان مدیریت و برنامه ریزی لرستان", null),
        ("head.lorestan@demo.example", "رئیس سازمان مدیریت لرستان (نمونه)", Roles.AgencyHead, "سازمان مدیریت و برنامه ریزی لرستان", null),
        ("reviewer.lorestan@demo.example", "کارشناس بررسی استان لرستان (نمونه)", Roles.ProvincialReviewer, null, "لرستان"),
        ("editor.tehran@demo.example", "کارشناس سازمان مدیریت تهران (نمونه)", Roles.AgencyEditor, "سازمان مدیریت و برنامهریزی استان تهران", null),
        ("reviewer.tehran@demo.example", "کارشناس بررسی استان تهران (نمونه)", Roles.ProvincialReviewer, null, "تهران"),
        ("editor.interior@demo.example", "کارشناس استانداری (نمونه)", Roles.AgencyEditor, "استانداری", null),
    ];

    /// <summary>Loads the demo agencies and cards; cards already present (same title and agency) are skipped.
    /// Returns the number of cards added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var agencies = await AgenciesAsync(ct);
        var added = 0;
        var names = Cards().Select(c => c.Name).ToList();
        var seeded = new Dictionary<string, ServiceCard>(StringComparer.Ordinal);
        foreach (var (name, json) in Cards())
        {
            var read = CardJson.Read(json);
            if (!read.Ok)
            {
                throw new InvalidOperationException($"Demo card {name} is invalid: {string.Join("; ", read.Errors)}");
            }

            var content = read.Content!;
            var agency = agencies[content.Provider.Agency ?? ""];
            var stored = await db.Cards.FirstOrDefaultAsync(c => c.AgencyId == agency.Id && c.Title == content.Title.Trim(), ct);
            if (stored is not null)
            {
                seeded[name] = stored;
                continue;
            }

            var card = ServiceCard.FromFile(agency.Id, content, CardStatus.Published, time.GetUtcNow());
            if (TemplateOf(name) is { } templateName)
            {
                card.Follow(seeded[templateName], [], time.GetUtcNow());
            }
            else if (names.Any(n => TemplateOf(n) == name))
            {
                card.MakeTemplate();
            }

            db.Cards.Add(card);
            await db.SaveChangesAsync(ct); // a template's id before its instances
            seeded[name] = card;
            added++;
        }

        await db.SaveChangesAsync(ct);
        await Figures.DemoFigures.SeedAsync(db, seeded, time.GetUtcNow(), ct);
        await AccountsAsync(agencies, ct);
        return added;
    }

    private async Task AccountsAsync(Dictionary<string, Agency> agencies, CancellationToken ct)
    {
        foreach (var (email, name, role, agency, province) in DemoAccounts)
        {
            if (await db.Users.AnyAsync(u => u.Email == email, ct))
            {
                continue;
            }

            var errors = await accounts.CreateAsync(email, DemoPassword, role, name, agency is null ? null : agencies[agency].Id, province, ct);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", errors)}");
            }
        }
    }

    private async Task<Dictionary<string, Agency>> AgenciesAsync(CancellationToken ct)
    {
        async Task<Agency> Get(string name, string? province, Agency? parent)
        {
            var found = await db.Agencies.FirstOrDefaultAsync(a => a.Name == name, ct);
            if (found is null)
            {
                found = new Agency(name, province, parent);
                db.Agencies.Add(found);
                await db.SaveChangesAsync(ct);
            }

            return found;
        }

        var budget = await Get("سازمان برنامه و بودجه کشور", null, null);
        var interior = await Get("وزارت کشور", null, null);
        var admin = await Get("سازمان اداری و استخدامی کشور", null, null);
        return new Dictionary<string, Agency>
        {
            ["سازمان مدیریت و برنامه ریزی لرستان"] = await Get("سازمان مدیریت و برنامه ریزی لرستان", "لرستان", budget),
            ["سازمان مدیریت و برنامهریزی استان تهران"] = await Get("سازمان مدیریت و برنامهریزی استان تهران", "تهران", admin),
            ["استانداری - دفتر امور شهری و شوراها"] = await Get("استانداری - دفتر امور شهری و شوراها", null, interior),
            ["استانداری"] = await Get("استانداری", null, interior),
            ["وزارت کشور"] = interior,
            ["استانداری لرستان"] = await Get("استانداری لرستان", "لرستان", interior),
            ["استانداری تهران"] = await Get("استانداری تهران", "تهران", interior),
        };
    }

    /// <summary>The template a demo card is an instance of: <c>residence-documents.lorestan</c> follows
    /// <c>residence-documents</c>; null for a card that is not an instance.</summary>
    public static string? TemplateOf(string name) => name.Contains('.', StringComparison.Ordinal) ? name[..name.IndexOf('.', StringComparison.Ordinal)] : null;

    /// <summary>The demo cards as embedded JSON, in a fixed order (a template before its instances).</summary>
    public static IEnumerable<(string Name, string Json)> Cards()
    {
        var assembly = typeof(DemoData).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Demo.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource["Demo.".Length..^".json".Length], reader.ReadToEnd());
        }
    }
}

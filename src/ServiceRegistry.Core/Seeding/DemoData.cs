using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Seeding;

/// <summary>
/// The five services of the sample forms (shared/samples/forms), entered by hand as complete cards
/// (Demo/*.json), published under demo agencies so a newcomer sees a real registry at once.
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
        foreach (var (name, json) in Cards())
        {
            var read = CardJson.Read(json);
            if (!read.Ok)
            {
                throw new InvalidOperationException($"Demo card {name} is invalid: {string.Join("; ", read.Errors)}");
            }

            var content = read.Content!;
            var agency = agencies[content.Provider.Agency ?? ""];
            if (await db.Cards.AnyAsync(c => c.AgencyId == agency.Id && c.Title == content.Title.Trim(), ct))
            {
                continue;
            }

            db.Cards.Add(ServiceCard.FromFile(agency.Id, content, CardStatus.Published, time.GetUtcNow()));
            added++;
        }

        await db.SaveChangesAsync(ct);
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
        };
    }

    /// <summary>The demo cards as embedded JSON, in a fixed order.</summary>
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

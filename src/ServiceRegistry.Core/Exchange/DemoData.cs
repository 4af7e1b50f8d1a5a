using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Exchange;

/// <summary>
/// The five services of the sample forms (shared/samples/forms), entered by hand as complete cards
/// (Demo/*.json), published under demo agencies so a newcomer sees a real registry at once.
/// </summary>
public sealed class DemoData(RegistryDbContext db, TimeProvider time)
{
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
        return added;
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

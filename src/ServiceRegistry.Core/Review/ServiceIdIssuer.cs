using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Review;

/// <summary>A named counter kept in the database (the service ID sequence).</summary>
public sealed class Counter
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// Issues service IDs: unique, never reused, in the configured pattern (Registry:ServiceIdPattern; each '#' is a
/// digit of the sequence, anything else is kept; default 11 digits as the national registry issues them). The
/// counter only moves forward and numbers already taken (e.g. by imported cards) are skipped, so an ID is never
/// given twice. The next number is taken by one statement that increments the counter and returns it, in the
/// caller's transaction: the row stays locked until the card is saved (a concurrent issue, on any node, waits
/// and then takes the next number), and a card that is not saved gives its number back.
/// </summary>
public sealed class ServiceIdIssuer(RegistryDbContext db, IOptions<RegistryOptions> options)
{
    public const string CounterName = "serviceId";

    public async Task<string> NextAsync(CancellationToken ct = default)
    {
        var pattern = options.Value.ServiceIdPattern;
        var digits = pattern.Count(c => c == '#');
        if (digits == 0)
        {
            throw new InvalidOperationException("Registry:ServiceIdPattern must contain at least one '#'.");
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A service ID is taken inside the transaction that saves its card.");
        }

        while (true)
        {
            // SQLite ≥ 3.35 and PostgreSQL: an upsert with RETURNING (the row is made on first use).
            var value = (await db.Database.SqlQuery<long>($"""
                INSERT INTO "Counters" ("Name", "Value") VALUES ({CounterName}, 1)
                ON CONFLICT ("Name") DO UPDATE SET "Value" = "Counters"."Value" + 1
                RETURNING "Value"
                """).ToListAsync(ct)).Single();
            if (value.ToString(CultureInfo.InvariantCulture).Length > digits)
            {
                throw new InvalidOperationException($"The service ID pattern '{pattern}' has no numbers left.");
            }

            var id = Format(pattern, value);
            if (!await db.Cards.AnyAsync(c => c.ServiceId == id, ct))
            {
                return id;
            }
        }
    }

    public static string Format(string pattern, long value)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture).PadLeft(pattern.Count(c => c == '#'), '0');
        var chars = pattern.ToCharArray();
        var d = digits.Length - 1;
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] == '#')
            {
                chars[i] = d >= 0 ? digits[d--] : '0';
            }
        }

        return new string(chars);
    }
}

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
/// given twice; the counter and the card are saved together by the caller's SaveChanges.
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

        var counter = await db.Counters.SingleOrDefaultAsync(c => c.Name == CounterName, ct);
        if (counter is null)
        {
            counter = new Counter { Name = CounterName, Value = 0 };
            db.Counters.Add(counter);
        }

        while (true)
        {
            counter.Value++;
            var id = Format(pattern, counter.Value);
            if (counter.Value.ToString(CultureInfo.InvariantCulture).Length > digits)
            {
                throw new InvalidOperationException($"The service ID pattern '{pattern}' has no numbers left.");
            }

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

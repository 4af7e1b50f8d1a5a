using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Seeding;

/// <summary>
/// The national templates of a synthetic registry and the instances made from them, in the proportions of the real
/// registry's largest services (one procedure carried out by each province's directorate): 2 % of the cards are
/// templates, each of a ministry, and 65 % of the other cards (sub-services aside) are instances, each of a
/// directorate of the template's ministry in a random province, so a template has about 30 instances over some 20
/// provinces. One instance in ten keeps its own required documents (an override). A template's content is made again
/// from its number wherever an instance needs it, so blocks stay independent and memory flat.
/// </summary>
internal sealed class SyntheticTemplates
{
    public const int PercentTemplates = 2;
    public const int PercentInstances = 65;

    private readonly int _firstId;
    private readonly int _seed;
    private readonly Agency[] _ministries;
    private readonly Agency[][] _directorates; // per ministry: its directorates in the provinces

    public SyntheticTemplates(long count, int firstId, List<Agency> agencies, int seed)
    {
        _firstId = firstId;
        _seed = seed;
        var names = SyntheticCards.Ministries.ToHashSet(StringComparer.Ordinal);
        var byParent = agencies.Where(a => a.Province is not null && a.ParentId is not null).ToLookup(a => a.ParentId!.Value);
        _ministries = agencies.Where(a => a.Province is null && names.Contains(a.Name) && byParent[a.Id].Any()).OrderBy(a => a.Id).ToArray();
        _directorates = _ministries.Select(m => byParent[m.Id].ToArray()).ToArray();
        Count = _ministries.Length == 0 ? 0 : (int)Math.Min(count / 10, Math.Max(1, count * PercentTemplates / 100));
    }

    /// <summary>How many templates: the first cards of the registry.</summary>
    public int Count { get; }

    /// <summary>The published template number <paramref name="index"/> (a card of its ministry).</summary>
    public ServiceCard Template(long index, DateTimeOffset now)
    {
        var card = ServiceCard.FromFile(Ministry(index).Id, Content(index), CardStatus.Published, now.AddMinutes(-index % 500_000));
        card.MakeTemplate();
        return card;
    }

    /// <summary>The template a new card is an instance of, or -1 for a standalone card.</summary>
    public int InstanceOf(Random r) => Count > 0 && r.Next(100) < PercentInstances ? r.Next(Count) : -1;

    /// <summary>A directorate of the template's ministry, in a random province.</summary>
    public Agency AgencyFor(int template, Random r)
    {
        var directorates = _directorates[template % _ministries.Length];
        return directorates[r.Next(directorates.Length)];
    }

    /// <summary>An instance of <paramref name="template"/> with <paramref name="local"/>'s local parts (provider, fees, offices…).</summary>
    public ServiceCard Instance(int template, int agencyId, CardContent local, CardStatus status, DateTimeOffset now, Random r)
    {
        string[] overridden = r.Next(10) == 0 ? ["requiredDocuments"] : [];
        var content = TemplateParts.Effective(Content(template), local, overridden);
        content.ServiceId = local.ServiceId;
        var card = ServiceCard.FromFile(agencyId, content, status, now);
        card.FollowStored(_firstId + template, 1, overridden);
        return card;
    }

    private Agency Ministry(long index) => _ministries[index % _ministries.Length];

    private CardContent Content(long index)
    {
        var content = SyntheticCards.Content(new Random(HashCode.Combine(_seed, "template", index)), Ministry(index), _firstId + index);
        content.ServiceId = (10_000_000_000 + _firstId + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return content;
    }
}

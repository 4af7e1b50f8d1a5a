using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Testing;

/// <summary>Test cards: every required field defaulted, so a test states only what matters.
/// <c>new CardBuilder().Titled("صدور پروانه").Published()</c></summary>
public sealed class CardBuilder
{
    private readonly CardContent _content = new()
    {
        Title = "خدمت آزمایشی",
        Description = "شرح خدمت آزمایشی",
        Provider = new Provider { Agency = "اداره کل آزمایش", Province = "تهران" },
        ServiceTypes = [ServiceType.G2C],
        Nature = Nature.Sovereign,
        Levels = [ServiceLevel.Provincial],
    };

    private string _agency = "اداره کل آزمایش";
    private string? _province = "تهران";
    private CardStatus _status = CardStatus.Draft;
    private string? _serviceId;
    private bool _template;
    private int? _templateId;
    private string[] _overridden = [];
    private string[] _templateChanges = [];

    public CardBuilder Titled(string title)
    {
        _content.Title = title;
        return this;
    }

    public CardBuilder Described(string description)
    {
        _content.Description = description;
        return this;
    }

    public CardBuilder OfAgency(string name, string? province = null)
    {
        _agency = name;
        _province = province;
        _content.Provider.Agency = name;
        _content.Provider.Province = province;
        return this;
    }

    public CardBuilder With(Action<CardContent> change)
    {
        change(_content);
        return this;
    }

    public CardBuilder Published(string? serviceId = null)
    {
        _status = CardStatus.Published;
        _serviceId = serviceId;
        return this;
    }

    /// <summary>Store the card in a given workflow state (test arrangement, bypassing the workflow).</summary>
    public CardBuilder InStatus(CardStatus status, string? serviceId = null)
    {
        _status = status;
        _serviceId = serviceId;
        return this;
    }

    /// <summary>A national template (its agency should be a national body: no province).</summary>
    public CardBuilder AsTemplate()
    {
        _template = true;
        return this;
    }

    /// <summary>An instance of the stored template <paramref name="templateId"/>, keeping its own <paramref name="overridden"/> parts.</summary>
    public CardBuilder InstanceOf(int templateId, params string[] overridden)
    {
        _templateId = templateId;
        _overridden = overridden;
        return this;
    }

    /// <summary>An instance flagged with a change of its template in these parts (keys).</summary>
    public CardBuilder WithTemplateChange(params string[] parts)
    {
        _templateChanges = parts;
        return this;
    }

    public CardContent BuildContent() => _content;

    public async Task<ServiceCard> SaveAsync(RegistryDbContext db, DateTimeOffset now)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Name == _agency);
        if (agency is null)
        {
            agency = new Agency(_agency, _province);
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }

        _content.ServiceId = _serviceId;
        var card = ServiceCard.FromFile(agency.Id, _content, _status, now);
        if (_template)
        {
            card.MakeTemplate();
        }

        if (_templateId is { } templateId)
        {
            card.Follow(await db.Cards.AsNoTracking().SingleAsync(c => c.Id == templateId), _overridden, now);
            if (_templateChanges.Length > 0)
            {
                card.MarkTemplateChanged(_templateChanges, Actor.System, now);
            }
        }

        db.Cards.Add(card);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return card;
    }
}

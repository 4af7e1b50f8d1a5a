namespace ServiceRegistry.Core.Cards;

/// <summary>An executive agency: a ministry or national organisation, a provincial directorate or a county office.</summary>
public sealed class Agency
{
    private Agency()
    {
    }

    public Agency(string name, string? province = null, Agency? parent = null)
    {
        Name = name;
        Province = province;
        Parent = parent;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Province { get; private set; }
    public int? ParentId { get; private set; }
    public Agency? Parent { get; private set; }
}

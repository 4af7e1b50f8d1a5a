namespace ServiceRegistry.Core.Cards;

/// <summary>Making new instances: from the template's form, or from entered content (a spreadsheet row, an imported file).</summary>
public sealed partial class ServiceCard
{
    /// <summary>A new draft instance of <paramref name="template"/>: the template's parts with <paramref name="local"/>'s
    /// local parts (provider, fees, offices…). Check <see cref="CanInstantiate"/> first.</summary>
    public static ServiceCard NewInstance(int agencyId, ServiceCard template, CardContent local, DateTimeOffset now, string createdBy)
        => Instance(agencyId, template, [], TemplateParts.Effective(template.Content, TemplateParts.Prefill(template.Content, local), []), now, createdBy);

    /// <summary>
    /// A new draft of <paramref name="agencyId"/> made from <paramref name="entered"/> content as an instance of the
    /// published <paramref name="template"/> (check <see cref="CanInstantiate"/> first): the shared parts it leaves blank
    /// or writes as the template does are inherited, those it writes otherwise are its overrides, and its blank local
    /// parts start from the template's (<see cref="TemplateMatch.InstanceContent"/>).
    /// </summary>
    public static ServiceCard NewInstanceFromEntry(int agencyId, ServiceCard template, CardContent entered, DateTimeOffset now, string createdBy)
        => Instance(agencyId, template, TemplateMatch.Overridden(template.Content, entered), TemplateMatch.InstanceContent(template.Content, entered), now, createdBy);

    /// <summary>A new draft of <paramref name="agencyId"/> following <paramref name="template"/>'s current version, with
    /// these <paramref name="overridden"/> shared parts and this effective <paramref name="content"/> (both ways of
    /// making an instance end here).</summary>
    private static ServiceCard Instance(int agencyId, ServiceCard template, IEnumerable<string> overridden, CardContent content, DateTimeOffset now, string createdBy)
    {
        var card = new ServiceCard
        {
            AgencyId = agencyId,
            Status = CardStatus.Draft,
            CreatedAt = now.UtcDateTime,
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            OverriddenParts = Join(overridden),
        };
        card.Update(content, now, createdBy);
        return card;
    }
}

namespace ServiceRegistry.Core.Cards;

/// <summary>Instances made from entered content (a spreadsheet row, an imported file) rather than from the template's form.</summary>
public sealed partial class ServiceCard
{
    /// <summary>
    /// A new draft of <paramref name="agencyId"/> made from <paramref name="entered"/> content as an instance of the
    /// published <paramref name="template"/> (check <see cref="CanInstantiate"/> first): the shared parts it leaves blank
    /// or writes as the template does are inherited, those it writes otherwise are its overrides, and its blank local
    /// parts start from the template's (<see cref="TemplateMatch.InstanceContent"/>).
    /// </summary>
    public static ServiceCard NewInstanceFromEntry(int agencyId, ServiceCard template, CardContent entered, DateTimeOffset now, string createdBy)
    {
        var card = new ServiceCard
        {
            AgencyId = agencyId,
            Status = CardStatus.Draft,
            CreatedAt = now.UtcDateTime,
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            OverriddenParts = Join(TemplateMatch.Overridden(template.Content, entered)),
        };
        card.Update(TemplateMatch.InstanceContent(template.Content, entered), now, createdBy);
        return card;
    }
}

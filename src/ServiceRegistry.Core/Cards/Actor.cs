using System.Linq.Expressions;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// Who is acting, as the card's rules need to know: roles, the agencies the person acts for (their agency and
/// those under it) and, for a reviewer, the province. Built from the sign-in; <see cref="Anonymous"/> for the public.
/// Every permission rule of the registry is a method here or on <see cref="ServiceCard"/>.
/// </summary>
public sealed record Actor(int? UserId, string Name, IReadOnlySet<string> Roles, int? AgencyId, IReadOnlySet<int> AgencyScope, string? Province)
{
    public static readonly Actor Anonymous = new(null, "عموم", new HashSet<string>(), null, new HashSet<int>(), null);

    /// <summary>The system itself (imports by the administrator's command, demo data).</summary>
    public static readonly Actor System = new(null, "سامانه", new HashSet<string> { Accounts.Roles.NationalAdmin }, null, new HashSet<int>(), null);

    public bool IsSignedIn => UserId is not null || this == System;
    public bool IsAdmin => Roles.Contains(Accounts.Roles.NationalAdmin);
    public bool IsReviewer => Roles.Contains(Accounts.Roles.ProvincialReviewer);
    public bool IsAgencyStaff => Roles.Contains(Accounts.Roles.AgencyEditor) || Roles.Contains(Accounts.Roles.AgencyHead);

    /// <summary>Editor or head of the card's agency (or of an agency above it).</summary>
    public bool WorksFor(ServiceCard card) => IsAgencyStaff && AgencyScope.Contains(card.AgencyId);

    public bool IsEditorOf(ServiceCard card) => Roles.Contains(Accounts.Roles.AgencyEditor) && AgencyScope.Contains(card.AgencyId);

    public bool IsHeadOf(ServiceCard card) => Roles.Contains(Accounts.Roles.AgencyHead) && AgencyScope.Contains(card.AgencyId);

    /// <summary>A provincial reviewer of the card's province; cards of national agencies (no province) are reviewed by the national office.</summary>
    public bool ReviewsProvinceOf(ServiceCard card) => ProvinceRule.On(card, Reach(includePublished: false));

    /// <summary>The cards whose province this person reviews, as a query filter (<see cref="ReviewsProvinceOf"/> is this
    /// same rule on one card): their province's for a provincial reviewer, those of national agencies for the national office.</summary>
    public Expression<Func<ServiceCard, bool>> ReviewsProvince() => ProvinceRule.For(Reach(includePublished: false));

    /// <summary>Agency staff and the national office create cards; reviewers do not.</summary>
    public bool MayCreate => IsAdmin || Roles.Contains(Accounts.Roles.AgencyEditor) || Roles.Contains(Accounts.Roles.AgencyHead);

    /// <summary>Whether a new card may be filed under <paramref name="agency"/> (<see cref="MayFileUnder()"/> on one agency).</summary>
    public bool MayFileUnder(Agency agency) => MayCreate && FilingRule.On(agency, Reach(includePublished: false));

    /// <summary>The agencies this person files new cards under, as a query filter: any for the national office, their own
    /// and those below it for agency staff.</summary>
    public Expression<Func<Agency, bool>> MayFileUnder() => IsAdmin ? a => true : FilingRule.For(Reach(includePublished: false));

    /// <summary>Published cards are public; anything else only for its agency, its reviewer and the national office.</summary>
    public bool CanView(ServiceCard card) => CardRule.On(card, Reach(includePublished: true));

    /// <summary>The cards this person may see, as a query filter (<see cref="CanView"/> is this same rule on one card):
    /// every published card, and the cards in their reach (<see cref="InReach"/>).</summary>
    public Expression<Func<ServiceCard, bool>> VisibleTo() => Cards(includePublished: true);

    /// <summary>The cards this person works on, whatever their status: every card for the national office, the cards of
    /// their agencies for agency staff, the cards of their province for a provincial reviewer. Lists, queues and the
    /// completeness figures are drawn from these.</summary>
    public Expression<Func<ServiceCard, bool>> InReach() => Cards(includePublished: false);

    // Admin sees every card: the query is then no condition at all, which the rule with All set also says.
    private Expression<Func<ServiceCard, bool>> Cards(bool includePublished) =>
        IsAdmin ? c => true : CardRule.For(Reach(includePublished));

    /// <summary>What the rules below read of this person. Each rule is written once, as an expression over the person's
    /// reach: compiled once for one card (<see cref="CanView"/> and the other checks), bound to this reach for queries.</summary>
    private ActorReach Reach(bool includePublished) => new(
        IsAdmin, includePublished, IsAgencyStaff ? AgencyScope.ToList() : [], IsReviewer && !string.IsNullOrWhiteSpace(Province) ? Province : null);

    private static readonly ActorRule<ServiceCard> CardRule = new((c, r) =>
        r.All || (r.Published && c.Status == CardStatus.Published) || r.Scope.Contains(c.AgencyId) || (r.Province != null && c.Province == r.Province));

    private static readonly ActorRule<ServiceCard> ProvinceRule = new((c, r) =>
        (r.Province != null && c.Province == r.Province) || (r.All && c.Province == null));

    private static readonly ActorRule<Agency> FilingRule = new((a, r) => r.All || r.Scope.Contains(a.Id));
}

/// <summary>A person's reach as the card rules read it: the national office (all), published cards included or not,
/// the agencies they act for, the province they review.</summary>
internal sealed record ActorReach(bool All, bool Published, List<int> Scope, string? Province);

/// <summary>One permission rule over a person's reach: compiled once for checks on one object, and bound to a reach as a
/// query filter (EF Core reads the reach's members as parameters, as it does a closure's).</summary>
internal sealed class ActorRule<T>(Expression<Func<T, ActorReach, bool>> rule)
{
    private readonly Func<T, ActorReach, bool> _compiled = rule.Compile();

    public bool On(T item, ActorReach reach) => _compiled(item, reach);

    public Expression<Func<T, bool>> For(ActorReach reach) =>
        Expression.Lambda<Func<T, bool>>(new Bind(rule.Parameters[1], Expression.Constant(reach)).Visit(rule.Body), rule.Parameters[0]);

    private sealed class Bind(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }
}

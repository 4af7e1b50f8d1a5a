using System.Linq.Expressions;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Accounts;

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
    public bool ReviewsProvinceOf(ServiceCard card) => ReviewsProvince().Compile(preferInterpretation: true)(card);

    /// <summary>The cards whose province this person reviews, as a query filter (<see cref="ReviewsProvinceOf"/> is this
    /// same rule on one card): their province's for a provincial reviewer, those of national agencies for the national office.</summary>
    public Expression<Func<ServiceCard, bool>> ReviewsProvince()
    {
        var province = IsReviewer && !string.IsNullOrWhiteSpace(Province) ? Province : null;
        var national = IsAdmin;
        return c => (province != null && c.Province == province) || (national && c.Province == null);
    }

    /// <summary>Agency staff and the national office create cards; reviewers do not.</summary>
    public bool MayCreate => IsAdmin || Roles.Contains(Accounts.Roles.AgencyEditor) || Roles.Contains(Accounts.Roles.AgencyHead);

    /// <summary>Whether a new card may be filed under <paramref name="agency"/> (<see cref="MayFileUnder()"/> on one agency).</summary>
    public bool MayFileUnder(Agency agency) => MayCreate && MayFileUnder().Compile(preferInterpretation: true)(agency);

    /// <summary>The agencies this person files new cards under, as a query filter: any for the national office, their own
    /// and those below it for agency staff.</summary>
    public Expression<Func<Agency, bool>> MayFileUnder()
    {
        if (IsAdmin)
        {
            return a => true;
        }

        var scope = IsAgencyStaff ? AgencyScope.ToList() : [];
        return a => scope.Contains(a.Id);
    }

    /// <summary>Published cards are public; anything else only for its agency, its reviewer and the national office.</summary>
    public bool CanView(ServiceCard card) => VisibleTo().Compile(preferInterpretation: true)(card);

    /// <summary>The cards this person may see, as a query filter (<see cref="CanView"/> is this same rule on one card):
    /// every published card, and the cards in their reach (<see cref="InReach"/>).</summary>
    public Expression<Func<ServiceCard, bool>> VisibleTo() => Cards(includePublished: true);

    /// <summary>The cards this person works on, whatever their status: every card for the national office, the cards of
    /// their agencies for agency staff, the cards of their province for a provincial reviewer. Lists, queues and the
    /// completeness figures are drawn from these.</summary>
    public Expression<Func<ServiceCard, bool>> InReach() => Cards(includePublished: false);

    private Expression<Func<ServiceCard, bool>> Cards(bool includePublished)
    {
        if (IsAdmin)
        {
            return c => true;
        }

        var scope = IsAgencyStaff ? AgencyScope.ToList() : [];
        var province = IsReviewer && !string.IsNullOrWhiteSpace(Province) ? Province : null;
        return c => (includePublished && c.Status == CardStatus.Published) || scope.Contains(c.AgencyId) || (province != null && c.Province == province);
    }
}

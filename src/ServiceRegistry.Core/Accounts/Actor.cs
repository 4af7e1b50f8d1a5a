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
    public bool ReviewsProvinceOf(ServiceCard card) =>
        (IsReviewer && Province is not null && card.Province == Province) || (IsAdmin && card.Province is null);

    /// <summary>Published cards are public; anything else only for its agency, its reviewer and the national office.</summary>
    public bool CanView(ServiceCard card) =>
        card.Status == CardStatus.Published || IsAdmin || WorksFor(card) || (IsReviewer && Province is not null && card.Province == Province);
}

using Microsoft.AspNetCore.Identity;

namespace ServiceRegistry.Core.Accounts;

/// <summary>A person who signs in: agency staff (editor, head), a provincial reviewer or a national administrator.</summary>
public sealed class RegistryUser : IdentityUser<int>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The agency the user works for (editors and heads act on this agency and the agencies under it).</summary>
    public int? AgencyId { get; set; }

    /// <summary>The province a provincial reviewer reviews.</summary>
    public string? Province { get; set; }
}

/// <summary>The roles of the registry. The public is anonymous and has none.</summary>
public static class Roles
{
    public const string AgencyEditor = "AgencyEditor";
    public const string AgencyHead = "AgencyHead";
    public const string ProvincialReviewer = "ProvincialReviewer";
    public const string NationalAdmin = "NationalAdmin";

    public static readonly IReadOnlyList<string> All = [AgencyEditor, AgencyHead, ProvincialReviewer, NationalAdmin];

    public static string Label(string role) => role switch
    {
        AgencyEditor => "کارشناس دستگاه",
        AgencyHead => "بالاترین مقام دستگاه",
        ProvincialReviewer => "کارشناس سازمان مدیریت و برنامه ریزی استان",
        NationalAdmin => "مدیر ملی سامانه",
        _ => role,
    };

    /// <summary>Parses a role as typed on the command line (editor, head, reviewer, admin or the full name).</summary>
    public static string? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "editor" or "agencyeditor" => AgencyEditor,
        "head" or "agencyhead" => AgencyHead,
        "reviewer" or "provincialreviewer" => ProvincialReviewer,
        "admin" or "nationaladmin" => NationalAdmin,
        _ => null,
    };
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Accounts;

/// <summary>Creates accounts with a role (the `users add` command, demo accounts), through Identity so passwords are hashed and checked.</summary>
public sealed class UserAccounts(UserManager<RegistryUser> users, RegistryDbContext db, TimeProvider time)
{
    /// <summary>Makes sure every role exists (they are data in Identity's tables).</summary>
    public static async Task EnsureRolesAsync(RegistryDbContext db, CancellationToken ct = default)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new IdentityRole<int>(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Creates an account; returns the errors (in Persian) when it cannot.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string email, string password, string role, string? displayName, int? agencyId, string? province, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (role is Roles.AgencyEditor or Roles.AgencyHead && agencyId is null)
        {
            errors.Add("برای کارشناس یا مقام دستگاه، دستگاه (--agency) را مشخص کنید.");
        }

        if (agencyId is { } id && !await db.Agencies.AnyAsync(a => a.Id == id, ct))
        {
            errors.Add($"دستگاهی با شناسه {id} وجود ندارد.");
        }

        if (role == Roles.ProvincialReviewer && string.IsNullOrWhiteSpace(province))
        {
            errors.Add("برای کارشناس بررسی استان، استان (--province) را مشخص کنید.");
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await EnsureRolesAsync(db, ct);
        var user = new RegistryUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            AgencyId = agencyId,
            Province = string.IsNullOrWhiteSpace(province) ? null : province.Trim(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => Explain(e)).ToList();
        }

        await users.AddToRoleAsync(user, role);
        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), null, "سامانه", null, AuditActions.UserCreated, $"{user.Email} ({Roles.Label(role)})"));
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static string Explain(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => "گذرواژه دست‌کم ۱۰ نویسه باشد.",
        "PasswordRequiresDigit" => "گذرواژه باید دست‌کم یک رقم داشته باشد.",
        "PasswordRequiresLower" => "گذرواژه باید دست‌کم یک حرف کوچک لاتین داشته باشد.",
        "DuplicateUserName" or "DuplicateEmail" => "کاربری با این نشانی پست الکترونیک هست.",
        "InvalidEmail" or "InvalidUserName" => "نشانی پست الکترونیک درست نیست.",
        _ => error.Description,
    };
}

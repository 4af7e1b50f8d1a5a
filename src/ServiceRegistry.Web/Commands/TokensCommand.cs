using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>tokens add --name N --role editor|head|reviewer|admin [--agency ID] [--province P] [--days 365]</c>
/// (prints the secret once), <c>tokens list</c>, <c>tokens revoke ID</c>: the same API tokens as /admin/api-tokens.</summary>
public static class TokensCommand
{
    public static Command Create(IServiceProvider services)
    {
        var name = new Option<string>("--name") { Description = "Who uses the token (the other system)", Required = true };
        var role = new Option<string>("--role") { Description = "editor, head, reviewer or admin", Required = true };
        var agency = new Option<int?>("--agency") { Description = "Agency id (editors and heads)" };
        var province = new Option<string?>("--province") { Description = "Province (reviewers)" };
        var days = new Option<int>("--days") { Description = "Days until it expires", DefaultValueFactory = _ => 365 };
        var add = new Command("add", "Create a token and print its secret (shown once)") { name, role, agency, province, days };
        add.SetAction(async (parse, ct) =>
        {
            var roleName = Roles.Parse(parse.GetValue(role) ?? "") ?? "";
            var now = TimeProvider.System.GetUtcNow();
            var expires = now.AddDays(parse.GetValue(days));
            var problems = ApiToken.Problems(parse.GetValue(name)!, roleName, parse.GetValue(agency), parse.GetValue(province), expires, now);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            if (problems.Count > 0)
            {
                return 1;
            }

            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var (token, secret) = ApiToken.Create(parse.GetValue(name)!, roleName, parse.GetValue(agency), parse.GetValue(province), expires, "خط فرمان", now);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            await Console.Out.WriteLineAsync(secret);
            return 0;
        });

        var list = new Command("list", "List the tokens (never their secrets)");
        list.SetAction(async (_, ct) =>
        {
            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var now = TimeProvider.System.GetUtcNow();
            foreach (var t in await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct))
            {
                var state = t.RevokedAt is not null ? "revoked" : t.IsActive(now) ? "active" : "expired";
                await Console.Out.WriteLineAsync(string.Join('\t', t.Id.ToString(CultureInfo.InvariantCulture), t.Hint + "…", t.Name, t.Role,
                    t.AgencyId?.ToString(CultureInfo.InvariantCulture) ?? t.Province ?? "", state, t.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    t.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"));
            }

            return 0;
        });

        var id = new Argument<int>("id") { Description = "The token's id (tokens list)" };
        var revoke = new Command("revoke", "Revoke a token") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == parse.GetValue(id), ct);
            if (token is null)
            {
                await Console.Error.WriteLineAsync("no such token");
                return 1;
            }

            token.Revoke(TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await Console.Out.WriteLineAsync($"revoked {token.Id} ({token.Name})");
            return 0;
        });
        return new Command("tokens", "Manage API tokens") { add, list, revoke };
    }
}

using System.CommandLine;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Accounts;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>users add --admin --email E [--password P]</c> (or <c>--role editor|head|reviewer|admin</c> with
/// <c>--agency ID</c> / <c>--province NAME</c>). Without --password it is asked for, unechoed.</summary>
public static class UsersCommand
{
    public static Command Create(IServiceProvider services)
    {
        var admin = new Option<bool>("--admin") { Description = "Make a national administrator" };
        var role = new Option<string?>("--role") { Description = "editor, head, reviewer or admin" };
        var email = new Option<string>("--email") { Description = "E-mail (the sign-in name)", Required = true };
        var password = new Option<string?>("--password") { Description = "Password (asked for when left out)" };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var agency = new Option<int?>("--agency") { Description = "Agency id (editors and heads)" };
        var province = new Option<string?>("--province") { Description = "Province (reviewers)" };
        var add = new Command("add", "Create a user") { admin, role, email, password, name, agency, province };
        add.SetAction(async (parse, ct) =>
        {
            var roleName = parse.GetValue(admin) ? Roles.NationalAdmin : Roles.Parse(parse.GetValue(role) ?? "");
            if (roleName is null)
            {
                await Console.Error.WriteLineAsync("give --admin or --role editor|head|reviewer|admin");
                return 2;
            }

            var secret = parse.GetValue(password) ?? ReadPassword();
            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var errors = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(
                parse.GetValue(email)!, secret, roleName, parse.GetValue(name), parse.GetValue(agency), parse.GetValue(province), ct);
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            if (errors.Count == 0)
            {
                await Console.Out.WriteLineAsync($"created {parse.GetValue(email)} ({roleName})");
            }

            return errors.Count == 0 ? 0 : 1;
        });
        return new Command("users", "Manage user accounts") { add };
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? "";
        }

        Console.Write("Password: ");
        var chars = new List<char>();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
            {
                chars.RemoveAt(chars.Count - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }

        Console.WriteLine();
        return new string([.. chars]);
    }
}

namespace ServiceRegistry.Core.Accounts;

/// <summary>
/// A failed sign-in, kept while it counts against the sign-in limits, in the database so that every node counts the
/// same failures and a restart forgets none. Keyed by the e-mail as typed (<see cref="AccountKey"/>), so an address
/// that belongs to nobody is counted exactly like a real account.
/// </summary>
public sealed class SignInFailure
{
    private SignInFailure()
    {
    }

    public SignInFailure(string email, string? address, DateTimeOffset at)
    {
        Account = AccountKey(email);
        Address = AddressKey(address);
        At = at.UtcDateTime;
    }

    public long Id { get; private set; }

    /// <summary>The e-mail as typed, trimmed and upper-cased.</summary>
    public string Account { get; private set; } = "";

    /// <summary>The client address (after forwarded headers), or "-" when unknown.</summary>
    public string Address { get; private set; } = "";

    public DateTime At { get; private set; }

    public static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    public static string AddressKey(string? address) => string.IsNullOrEmpty(address) ? "-" : address;
}

namespace ServiceRegistry.Web.Infrastructure.Security;

/// <summary>The "Security" section of the configuration.</summary>
public sealed class SecurityOptions
{
    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed (e.g. "10.0.0.5").
    /// Without any, only a proxy on the same machine (loopback) is.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of such proxies, in CIDR notation ("10.0.0.0/24").</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>HSTS, redirection to HTTPS and Secure cookies. Null: on in Production, off elsewhere. Turn it off only
    /// where no TLS exists between the client and the app (a private loopback cluster or benchmark).</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Whether HTTPS is enforced in this environment (<see cref="RequireHttps"/>).</summary>
    public static bool HttpsRequired(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Security:RequireHttps") ?? environment.IsProduction();

    /// <summary>The public HTTPS port that plain-HTTP requests are redirected to (Production).</summary>
    public int HttpsPort { get; set; } = 443;

    public SignInLimits SignIn { get; set; } = new();

    /// <summary>How fast sign-in may be tried (see <see cref="LoginThrottle"/>).</summary>
    public sealed class SignInLimits
    {
        /// <summary>Sign-in attempts per client address per minute, whatever the account.</summary>
        public int PerAddressPerMinute { get; set; } = 30;

        /// <summary>Attempts at one account per 15 minutes, from all addresses together.</summary>
        public int PerAccountPer15Minutes { get; set; } = 10;

        /// <summary>Failures at one account from one address before that address is refused it for 15 minutes.</summary>
        public int FailuresBeforeLock { get; set; } = 5;
    }
}

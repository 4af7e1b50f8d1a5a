using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>
/// The app with extra settings (limits, environment, proxies), where a request may say which client address it
/// comes from (<see cref="ClientAddress"/> header, applied before the app's pipeline, as a TCP peer would be).
/// </summary>
public sealed class SecurityApp(string? environment = null, params (string Key, string Value)[] settings) : RegistryApp
{
    public const string ClientAddress = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (environment is not null)
        {
            builder.UseEnvironment(environment);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers[ClientAddress] is { Count: > 0 } address)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }
}

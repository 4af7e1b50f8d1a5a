using System.Net;
using System.Net.Sockets;

namespace ServiceRegistry.Core.Feeds;

/// <summary>
/// Keeps webhooks off the registry's own network (SSRF): an address that is loopback, private, link-local, shared
/// (100.64/10), unique-local, multicast or unspecified is refused unless it is in <c>Webhooks:AllowedAddresses</c>
/// (addresses or CIDR ranges). Checked when a subscription is registered and again on every connection, with the
/// address actually connected to, so a name that later resolves to an inside address (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookAddresses(IEnumerable<string> allowed)
{
    private readonly IReadOnlyList<IPNetwork> _allowed = allowed.Where(a => !string.IsNullOrWhiteSpace(a))
        .Select(a => a.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(a.Trim()) : new IPNetwork(IPAddress.Parse(a.Trim()), IPAddress.Parse(a.Trim()).AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        .ToList();

    private static readonly IPNetwork[] Inside =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    public bool IsAllowed(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowed.Any(n => n.Contains(plain)) || !Inside.Any(n => n.BaseAddress.AddressFamily == plain.AddressFamily && n.Contains(plain));
    }

    /// <summary>A Persian reason when <paramref name="url"/>'s host is an inside address (a literal, or a name that resolves
    /// to one now); null when it may be used. A name that does not resolve is accepted: the deliveries will say why they fail.</summary>
    public async Task<string?> ProblemAsync(Uri url, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                addresses = await Dns.GetHostAddressesAsync(url.IdnHost, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return null;
            }
        }

        return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused
            ? $"نشانی {refused} درون شبکه است (loopback یا خصوصی) و ارسال به آن مجاز نیست؛ فقط نشانی‌هایی که در تنظیم Webhooks:AllowedAddresses آمده‌اند پذیرفته می‌شوند."
            : null;
    }

    /// <summary>The handler's connect step: resolves the host, keeps the allowed addresses, connects to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var usable = addresses.Where(IsAllowed).ToList();
        if (usable.Count == 0)
        {
            throw new WebhookAddressRefusedException($"address refused (inside network): {string.Join(", ", addresses.Select(a => a.ToString()))}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The connection was not made: every address of the host is inside the network and not allowed.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);

using System.Net;
using System.Net.Sockets;

namespace ServiceRegistry.Web.Tests.Operations;

/// <summary>
/// A TCP port on 127.0.0.1 that forwards to a server: a stand-in for a database primary that a test can stop
/// (every connection is cut and new ones are refused, as when a PostgreSQL server stops).
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;

    public TcpForwarder(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_host, _port, _stop.Token);
                lock (_open)
                {
                    _open.Add(client);
                    _open.Add(server);
                }

                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }

    /// <summary>Stops listening and cuts every forwarded connection.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        lock (_open)
        {
            foreach (var c in _open)
            {
                c.Close();
            }
        }

        await _accepting;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

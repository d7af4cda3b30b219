using System.Net;
using System.Net.Sockets;

namespace KVaccine.FaultTests;

/// <summary>
/// A host's road to its database: a loopback port that relays every connection to PostgreSQL's, which the test cuts
/// as a broken network would. <see cref="Cut"/> closes every relayed connection and resets each new one at once;
/// <see cref="Restore"/> relays again. The host keeps its settings and its process; only the road under it breaks.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<(Socket Client, Socket Server)> _relayed = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpRelay(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections reset while cut: each a host's attempt to reach its database.</summary>
    public int Refused;

    public void Cut()
    {
        _cut = true;
        lock (_relayed)
        {
            foreach (var pair in _relayed) Close(pair);
            _relayed.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            if (_cut)
            {
                Interlocked.Increment(ref Refused);
                Reset(client);
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var pair = (client, server);
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            lock (_relayed)
            {
                // Cut while this one was connecting: it is one of the cut ones.
                if (_cut) { Close(pair); return; }
                _relayed.Add(pair);
            }
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }
        lock (_relayed) _relayed.Remove(pair);
        Close(pair);
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        await using var source = new NetworkStream(from, ownsSocket: false);
        await using var target = new NetworkStream(to, ownsSocket: false);
        try { await source.CopyToAsync(target, _stop.Token); }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException) { }
    }

    /// <summary>A reset rather than a goodbye: the side still talking learns at once that the road is gone.</summary>
    private static void Reset(Socket socket)
    {
        try { socket.LingerState = new LingerOption(true, 0); } catch (SocketException) { } catch (ObjectDisposedException) { }
        socket.Dispose();
    }

    private static void Close((Socket Client, Socket Server) pair)
    {
        Reset(pair.Client);
        Reset(pair.Server);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Cut();
        _stop.Dispose();
    }
}

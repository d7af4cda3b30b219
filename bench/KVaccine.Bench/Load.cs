using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace KVaccine.Bench;

internal sealed record LoadResult(TimeSpan Duration, Dictionary<int, List<double>> LatenciesMsByStatus, int Failures)
{
    public int Count(int status) => LatenciesMsByStatus.TryGetValue(status, out var l) ? l.Count : 0;

    public double Rate(int status) => Count(status) / Duration.TotalSeconds;

    public double Percentile(int status, double p) => LatenciesMsByStatus.TryGetValue(status, out var l) ? Stats.Percentile(l, p) : double.NaN;

    public int Total => LatenciesMsByStatus.Values.Sum(l => l.Count);
}

/// <summary>Closed-loop load: each client sends its next request when the last one is answered, for a fixed time.</summary>
internal static class Load
{
    // Shared by every run, so each request of a run (and of the next) is a new citizen.
    private static long _sequence;

    public static long Next() => Interlocked.Increment(ref _sequence);

    public static async Task<LoadResult> RunAsync(Uri address, int clients, TimeSpan duration, Func<int, long, HttpRequestMessage> request)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var results = new Dictionary<int, List<double>>[clients];
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = results[client] = [];
            while (watch.Elapsed < duration)
            {
                using var message = request(client, Next());
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message);
                    await response.Content.LoadIntoBufferAsync();
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var status = (int)response.StatusCode;
                    if (!mine.TryGetValue(status, out var list)) mine[status] = list = [];
                    list.Add(ms);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var merged = new Dictionary<int, List<double>>();
        foreach (var (status, list) in results.SelectMany(r => r))
        {
            if (!merged.TryGetValue(status, out var all)) merged[status] = all = [];
            all.AddRange(list);
        }
        return new LoadResult(watch.Elapsed, merged, failures);
    }
}

/// <summary>
/// Closed-loop load over gRPC, as <see cref="Load"/> over HTTP: each call's outcome as the status its REST route would
/// answer (201 decided, 202 pending, 200 read), a refused call as 1000 + its gRPC status code.
/// </summary>
internal static class GrpcLoad
{
    public static async Task<LoadResult> RunAsync(Uri address, int clients, TimeSpan duration, Func<global::Grpc.Net.Client.GrpcChannel, long, Task<int>> call)
    {
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(address, new global::Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        });
        var results = new Dictionary<int, List<double>>[clients];
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = results[client] = [];
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    status = await call(channel, Load.Next());
                }
                catch (global::Grpc.Core.RpcException e) when (e.StatusCode != global::Grpc.Core.StatusCode.Unavailable)
                {
                    status = 1000 + (int)e.StatusCode;
                }
                catch (global::Grpc.Core.RpcException)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!mine.TryGetValue(status, out var list)) mine[status] = list = [];
                list.Add(ms);
            }
        })));
        var merged = new Dictionary<int, List<double>>();
        foreach (var (status, list) in results.SelectMany(r => r))
        {
            if (!merged.TryGetValue(status, out var all)) merged[status] = all = [];
            all.AddRange(list);
        }
        return new LoadResult(watch.Elapsed, merged, failures);
    }
}

/// <summary>
/// Open-loop load: requests go out on a fixed schedule whatever the answers, as real citizens arrive, so a server
/// that falls behind shows it as latency and backlog instead of slowing the load down.
/// </summary>
internal static class OpenLoad
{
    public static async Task<LoadResult> RunAsync(Uri address, double perSecond, TimeSpan duration, Func<int, long, HttpRequestMessage> request, int maxInFlight = 1024)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxInFlight, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var results = new ConcurrentDictionary<int, ConcurrentBag<double>>();
        var failures = 0;
        var inFlight = new SemaphoreSlim(maxInFlight);
        var sent = new List<Task>();
        var watch = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        long due = 0, issued = 0;
        while (watch.Elapsed < duration && await tick.WaitForNextTickAsync())
        {
            due = (long)(watch.Elapsed.TotalSeconds * perSecond);
            for (; issued < due; issued++)
            {
                if (!inFlight.Wait(0)) { Interlocked.Increment(ref failures); continue; } // over the cap: counted as lost
                sent.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var message = request(0, Load.Next());
                        var started = Stopwatch.GetTimestamp();
                        using var response = await http.SendAsync(message);
                        await response.Content.LoadIntoBufferAsync();
                        results.GetOrAdd((int)response.StatusCode, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
            }
        }
        var elapsed = watch.Elapsed;
        await Task.WhenAll(sent);
        return new LoadResult(elapsed, results.ToDictionary(r => r.Key, r => r.Value.ToList()), failures);
    }
}

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 50);
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Host.Auth;
using KVaccine.TestSupport;
using Microsoft.Extensions.Configuration;

namespace KVaccine.FaultTests;

public sealed record Citizen(string UserName, string UserRegNumber);

/// <summary>What the clients were told: the bookings and cancellations the service acknowledged with a 2xx.</summary>
public sealed class Ledger
{
    public ConcurrentDictionary<string, Citizen> Booked { get; } = new();
    public ConcurrentDictionary<string, Citizen> Cancelled { get; } = new();

    /// <summary>The user id and date of each acknowledged booking, for the staff who inject.</summary>
    public ConcurrentDictionary<string, (long UserId, DateOnly Date)> Bookings { get; } = new();
    public ConcurrentDictionary<long, bool> Injected { get; } = new();
    public int Requests;
    /// <summary>5xx answers other than <see cref="Unavailable"/>: never right.</summary>
    public int ServerErrors;
    /// <summary>503 ProblemDetails with Retry-After: the database could not be reached, and the client is told when to try again.</summary>
    public int Unavailable;
    public int Unanswered;
    /// <summary>429: a rate budget said no; the client was told to slow down, which is not a failure.</summary>
    public int Refused;
    /// <summary>The longest any request took to be answered (or given up on), in milliseconds.</summary>
    public long LongestWaitMs;
    public ConcurrentQueue<string> ServerErrorBodies { get; } = new();
    /// <summary>The first few errors of requests left unanswered, for a failure message.</summary>
    public ConcurrentQueue<string> UnansweredReasons { get; } = new();

    public void Waited(long milliseconds)
    {
        for (var longest = Interlocked.Read(ref LongestWaitMs); milliseconds > longest; longest = Interlocked.Read(ref LongestWaitMs))
            if (Interlocked.CompareExchange(ref LongestWaitMs, milliseconds, longest) == longest) return;
    }
}

/// <summary>
/// Concurrent citizens booking (and some cancelling) for a bounded time, each request through one of the hosts at
/// random, as a gateway would spread them; hosts marked down are left out until marked up again.
/// </summary>
public sealed class Driver
{
    private static int _next;
    private readonly int _seed;
    private readonly int _daysAhead;
    private readonly TimeSpan _clockOffset;
    private readonly bool _queries;
    private readonly IReadOnlyList<(Uri Host, HttpClient Http)> _hosts;
    private readonly ConcurrentDictionary<Uri, bool> _down = new();

    public Driver(Uri host, int seed, int daysAhead = 30) : this([host], seed, daysAhead) { }

    /// <param name="clockOffset">How far the hosts' clocks are moved on (<c>Testing:ClockOffset</c>): dates are theirs.</param>
    /// <param name="queries">Whether citizens also look up the dates offered and their own status, as most of a real crowd does.</param>
    public Driver(IReadOnlyList<Uri> hosts, int seed, int daysAhead = 30, TimeSpan clockOffset = default, bool queries = false)
    {
        _seed = seed;
        _daysAhead = daysAhead;
        _clockOffset = clockOffset;
        _queries = queries;
        _hosts = hosts.Select(h => (h, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = h,
            Timeout = TimeSpan.FromSeconds(10),
        })).ToList();
    }

    /// <summary>Sends no more requests to the host (it is about to be killed or paused) until <see cref="MarkUp"/>.</summary>
    public void MarkDown(Uri host) => _down[host] = true;

    public void MarkUp(Uri host) => _down.TryRemove(host, out _);

    private HttpClient Pick(Random random)
    {
        var up = _hosts.Where(h => !_down.ContainsKey(h.Host)).ToList();
        return (up.Count > 0 ? up[random.Next(up.Count)] : _hosts[random.Next(_hosts.Count)]).Http;
    }

    public static Citizen NewCitizen()
    {
        var n = Interlocked.Increment(ref _next);
        return new($"Citizen {n}", $"900101-1{n + seed0:D6}");
    }

    private static readonly int seed0 = Random.Shared.Next(0, 300_000);

    /// <summary>Runs <paramref name="clients"/> loops until the token is cancelled; every acknowledged change lands in the ledger.</summary>
    public async Task RunAsync(Ledger ledger, int clients, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(ledger, new Random(_seed * 100 + i), stop))));
    }

    private async Task ClientAsync(Ledger ledger, Random random, CancellationToken stop)
    {
        var mine = new List<Citizen>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var roll = random.NextDouble();
                if (_queries && roll < 0.4)
                {
                    // Half of these look at the dates offered, half at a booking of their own (or a stranger's 404).
                    var citizen = roll < 0.2 || mine.Count == 0 ? NewCitizen() : mine[random.Next(mine.Count)];
                    await SendAsync(ledger, roll < 0.2 ? "/user/date" : "/user/status", citizen, Pick(random));
                }
                else if (mine.Count > 0 && random.NextDouble() < 0.2)
                {
                    var citizen = mine[random.Next(mine.Count)];
                    mine.Remove(citizen);
                    // The first dose, with its second: once it is given, a 409 (a cancellation without a dose number would take the second alone).
                    var cancel = await SendAsync(ledger, "/user/cancel", new { citizen.UserName, citizen.UserRegNumber, doseNumber = 1 }, Pick(random));
                    if (cancel?.IsSuccessStatusCode == true) ledger.Cancelled[citizen.UserRegNumber] = citizen;
                }
                else
                {
                    var citizen = NewCitizen();
                    var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9) + _clockOffset).AddDays(1 + random.Next(_daysAhead));
                    var reserve = await SendAsync(ledger, "/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd") }, Pick(random));
                    if (reserve?.IsSuccessStatusCode == true)
                    {
                        ledger.Booked[citizen.UserRegNumber] = citizen;
                        var answer = JsonDocument.Parse(await reserve.Content.ReadAsStringAsync()).RootElement;
                        ledger.Bookings[citizen.UserRegNumber] = (answer.GetProperty("userId").GetInt64(), date);
                        mine.Add(citizen);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Hospital staff recording the injections of the day's booked citizens, until the token is cancelled.</summary>
    public async Task InjectAsync(Ledger ledger, DateOnly today, HttpClient staff, CancellationToken stop, int perRound = 5, int paceMs = 50)
    {
        while (!stop.IsCancellationRequested)
        {
            var due = ledger.Bookings.Where(b => b.Value.Date == today && !ledger.Cancelled.ContainsKey(b.Key) && !ledger.Injected.ContainsKey(b.Value.UserId))
                .Select(b => b.Value.UserId).Take(perRound).ToList();
            foreach (var userId in due)
            {
                var response = await SendAsync(ledger, "/hospital/inject", new { userId }, staff);
                if (response?.IsSuccessStatusCode == true) ledger.Injected[userId] = true;
            }
            try { await Task.Delay(TimeSpan.FromMilliseconds(paceMs), stop); } // staff pace, not a wait for a result
            catch (OperationCanceledException) { }
        }
    }

    private static async Task<HttpResponseMessage?> SendAsync(Ledger ledger, string route, object body, HttpClient client)
    {
        Interlocked.Increment(ref ledger.Requests);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var response = await client.PostAsJsonAsync(route, body);
            ledger.Waited(watch.ElapsedMilliseconds);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref ledger.Refused);
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                Interlocked.Increment(ref ledger.Unavailable);
            }
            else if ((int)response.StatusCode >= 500)
            {
                Interlocked.Increment(ref ledger.ServerErrors);
                ledger.ServerErrorBodies.Enqueue($"{route} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No answer (the host died mid-request): the client cannot know, so the ledger does not count it. A real
            // client would back off before trying again; so does this one.
            ledger.Waited(watch.ElapsedMilliseconds);
            Interlocked.Increment(ref ledger.Unanswered);
            if (ledger.UnansweredReasons.Count < 20) ledger.UnansweredReasons.Enqueue($"{route}: {e.GetType().Name} {e.Message}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            return null;
        }
    }

    /// <summary>A client for the checks, with a staff token holding both roles, issued on the host's (shifted) clock.</summary>
    public static HttpClient Staff(Uri host, TimeSpan clockOffset = default)
    {
        var settings = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonFile(Path.Combine(HostProcess.HostDirectory, "appsettings.json")).Build();
        var auth = new AuthOptions();
        settings.GetSection(AuthOptions.Section).Bind(auth);
        var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer",
            StaffTokens.Issue(auth, "fault-harness", [StaffPolicies.AdminRole, StaffPolicies.HospitalStaffRole], new Shifted(clockOffset)));
        return http;
    }

    private sealed class Shifted(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}

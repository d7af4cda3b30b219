using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Two hosts on one PostgreSQL database, as a health authority runs them behind a load balancer: what each keeps in
/// memory (a request waiting for its decision, the board of places) follows what the other commits.
/// </summary>
public sealed class SeveralHostsOnPostgreSql : IAsyncLifetime
{
    private const int Capacity = 3;

    // The polling fallback is a minute: only a commit's notice can wake the other host in time.
    private static void Settings(JsonObject s, bool dispatching)
    {
        s["Outbox"]!["PollIntervalMs"] = 60_000;
        s["Outbox"]!["DispatcherEnabled"] = dispatching;
        TestSites.OneSlotADay(s, Capacity);
        s["User"]!["Booking"]!["ConfirmWaitMs"] = 30_000;
        s["Hospital"]!["ConfirmWaitMs"] = 30_000;
    }

    private readonly KVaccineAppOnPostgreSql _deciding = new() { With = s => Settings(s, dispatching: true) };
    private KVaccineAppOnPostgreSql? _asking;

    public Task InitializeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task A_booking_made_on_a_host_that_does_not_dispatch_is_decided_by_the_other_and_answered_at_once()
    {
        var (asking, deciding) = Hosts();
        var date = _deciding.FreshDate();

        var watch = Stopwatch.StartNew();
        var answer = await asking.ReserveAsync(Citizen.New(), date);

        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10),
            "the other host hears the commit (not its one-minute poll), and this one hears the decision (not its 30 s wait)");
        (await deciding.DashboardAsync()).Should().Contain(r => r.ReserveDate == date && r.ReserveStatus == "RESERVE");
    }

    [DatabaseFact]
    public async Task A_host_that_decides_nothing_stops_offering_a_date_the_other_host_filled()
    {
        var (asking, deciding) = Hosts();
        var date = _deciding.FreshDate();
        (await asking.AvailableDatesAsync(Citizen.New())).Should().Contain(d => d.ReserveDate == date && d.Remaining == Capacity);

        for (var i = 0; i < Capacity; i++) await asking.BookAsync(Citizen.New(), date);

        await Poll.UntilAsync(async () => !(await asking.AvailableDatesAsync(Citizen.New())).Any(d => d.ReserveDate == date),
            "the asking host's board follows the deciding host's commits", TimeSpan.FromSeconds(5));
        (await deciding.AvailableDatesAsync(Citizen.New())).Should().NotContain(d => d.ReserveDate == date);
        var late = await asking.ReserveAsync(Citizen.New(), date);
        (await late.Content.ReadAsStringAsync()).Should().Contain("REJECT", "the decision is the database's: the date is full");
    }

    [DatabaseFact]
    public async Task An_injection_reported_on_a_host_that_does_not_dispatch_is_recorded_by_the_other_and_answered_at_once()
    {
        var (asking, deciding) = Hosts();
        var citizen = Citizen.New();
        var booked = await asking.BookAsync(citizen, KVaccineApp.Tomorrow);
        await deciding.SettledAsync(); // the hospital has picked the vaccine
        foreach (var host in new[] { _deciding, _asking! }) host.Clock.Advance(TimeSpan.FromDays(1)); // the booked day

        var watch = Stopwatch.StartNew();
        var injected = await asking.InjectAsync(booked.UserId);

        injected.StatusCode.Should().Be(HttpStatusCode.OK, await injected.Content.ReadAsStringAsync());
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the host that records it tells this one (not its 30 s wait)");
        (await deciding.StatusOfAsync(citizen)).FirstDose.ReserveStatus.Should().Be("INJECT");
    }

    private (Api Asking, Api Deciding) Hosts()
    {
        _asking ??= new KVaccineAppOnPostgreSql { Beside = _deciding, With = s => Settings(s, dispatching: false) };
        var deciding = _deciding.CreateApi(); // started first: it migrates the database
        return (_asking.CreateApi(), deciding);
    }

    public async Task DisposeAsync()
    {
        if (_asking is not null) await _asking.DisposeAsync();
        await _deciding.DisposeAsync();
    }
}

using System.Net;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Two hosts on one PostgreSQL database, both deciding bookings: citizens racing for a slot's last places through
/// either host never take more than the slot has.
/// </summary>
public sealed class SlotRaceOnSeveralHostsOnPostgreSql : IAsyncLifetime
{
    private const int Capacity = 3;

    private readonly KVaccineAppOnPostgreSql _first = new();
    private KVaccineAppOnPostgreSql? _second;

    public Task InitializeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task Of_citizens_racing_for_a_slot_through_two_deciding_hosts_exactly_its_capacity_get_a_place()
    {
        var first = _first.CreateApi(); // started first: it migrates the database
        _second = new KVaccineAppOnPostgreSql { Beside = _first };
        var second = _second.CreateApi();
        var added = await first.AddSiteAsync(new
        {
            name = "Race Site", region = "Race", vaccineTypes = new[] { "Pfizer" },
            hours = new Dictionary<string, string> { ["Monday"] = "09:00-10:00", ["Tuesday"] = "09:00-10:00", ["Wednesday"] = "09:00-10:00", ["Thursday"] = "09:00-10:00",
                ["Friday"] = "09:00-10:00", ["Saturday"] = "09:00-10:00", ["Sunday"] = "09:00-10:00" },
            slotMinutes = 30, firstDoseCapacity = Capacity, secondDoseCapacity = Capacity,
        });
        var site = (await Api.ReadAsync<AdminSiteAnswer>(added, HttpStatusCode.Created))!;
        var date = _first.FreshDate();
        await Poll.UntilAsync(async () => (await second.SitesAsync("Race")).Count == 1, "the second host hears of the new site", TimeSpan.FromSeconds(5));
        var citizens = Enumerable.Range(0, 30).Select(_ => Citizen.New()).ToList();

        var answers = await Task.WhenAll(citizens.Select((c, i) => (i % 2 == 0 ? first : second).ReserveAtAsync(c, site.SiteId, date, "09:30")));
        answers.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Accepted);
        // A decision that lost the race for the slot's row is retried after a delay on each host's clock: move them on.
        await Poll.UntilAsync(async () =>
        {
            _first.Clock.Advance(TimeSpan.FromMilliseconds(50));
            _second.Clock.Advance(TimeSpan.FromMilliseconds(50));
            return (await first.OutboxAsync()).Consumers.All(c => c.Backlog == 0);
        }, "both hosts have decided every booking", TimeSpan.FromSeconds(30));

        var statuses = await Task.WhenAll(citizens.Select(first.StatusOfAsync));
        statuses.Count(s => s.ReserveStatus == "RESERVE").Should().Be(Capacity);
        statuses.Where(s => s.ReserveStatus != "RESERVE").Should().OnlyContain(s => s.Reason == "SLOT_FULL");
        foreach (var host in new[] { first, second })
        {
            await Poll.UntilAsync(async () => (await host.SlotsAsync(site.SiteId, date)).Single(s => s.SlotTime == "09:30").Remaining == 0,
                "every host's board shows the slot full", TimeSpan.FromSeconds(5));
        }
        (await first.HospitalBookingsAsync(date, site.SiteId)).Should().HaveCount(Capacity);
    }

    public async Task DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

public class SmallCapacityApp : KVaccineApp
{
    public const int Capacity = 5;

    protected override void Configure(JsonObject settings) => TestSites.OneSlotADay(settings, Capacity);
}

public sealed class SmallCapacityAppOnPostgreSql : SmallCapacityApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>No date is ever overbooked, however many requests race for its last place.</summary>
public abstract class CapacityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SmallCapacityApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task Of_many_concurrent_bookings_for_one_date_exactly_the_capacity_is_accepted_and_the_stock_matches()
    {
        var date = app.FreshDate();
        var totalBefore = (await _api.StockAsync()).Sum(s => s.Count);
        var citizens = Enumerable.Range(0, 40).Select(_ => Citizen.New()).ToList();

        var responses = await Task.WhenAll(citizens.Select(c => _api.ReserveAsync(c, date)));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Accepted);
        await _api.SettledAsync();

        var statuses = await Task.WhenAll(citizens.Select(c => _api.StatusOfAsync(c)));
        statuses.Count(s => s.ReserveStatus == "RESERVE").Should().Be(SmallCapacityApp.Capacity);
        statuses.Where(s => s.ReserveStatus != "RESERVE").Should().OnlyContain(s => s.ReserveStatus == "REJECT" && s.Reason == "DATE_FULL");
        // Forty bookings at once on a busy machine may time out enough date lookups to open the dates circuit (a fast 503 by design): it closes by itself.
        var dates = await Poll.ForAsync(() => _api.DatesAsync(citizens[0]), r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "the dates circuit is closed");
        (await Api.ReadAsync<List<AvailableDate>>(dates, HttpStatusCode.OK)).Should().NotContain(d => d.ReserveDate == date);
        (await _api.HospitalBookingsAsync(date)).Should().HaveCount(SmallCapacityApp.Capacity);
        // A dose for each appointment: the first, and a two-dose vaccine's second, booked with it.
        (await _api.StockAsync()).Sum(s => s.Count).Should().Be(totalBefore - statuses.Where(s => s.ReserveStatus == "RESERVE").Sum(s => Schedule.Doses(s.VaccineType!)));
        var rejected = statuses.First(s => s.ReserveStatus == "REJECT");
        rejected.Notifications.Should().ContainSingle().Which.Message.Should().Contain("fully booked");
    }
}

public sealed class CapacityTests(SmallCapacityApp app) : CapacityTests<SmallCapacityApp>(app);

public sealed class CapacityTestsOnPostgreSql(SmallCapacityAppOnPostgreSql app) : CapacityTests<SmallCapacityAppOnPostgreSql>(app);


using System.Net;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

public class HospitalOffApp : KVaccineApp
{
    protected override void Configure(JsonObject settings) => settings["Modules"]!["Hospital"]!["Enabled"] = false;
}

public sealed class HospitalOffAppOnPostgreSql : HospitalOffApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>With Hospital switched off bookings are still taken; switched back on, it catches up and all agree.</summary>
public abstract class HospitalOutageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : HospitalOffApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task Bookings_are_taken_while_the_hospital_is_off_and_everything_converges_when_it_is_back()
    {
        var date = app.FreshDate();
        var totalBefore = (await _api.StockAsync()).Sum(s => s.Count);
        var citizens = Enumerable.Range(0, 6).Select(i => Citizen.New($"Outage Citizen {i}")).ToList();

        foreach (var c in citizens) (await _api.BookAsync(c, date)).ReserveStatus.Should().Be("RESERVE");
        (await _api.CancelAsync(citizens[0])).EnsureSuccessStatusCode();
        var hospitalOff = await Api.ProblemAsync(await _api.Http.GetAsync($"/hospital/bookings?date={date:yyyy-MM-dd}"), HttpStatusCode.ServiceUnavailable);
        hospitalOff.GetProperty("title").GetString().Should().Contain("Hospital");
        (await _api.OutboxAsync()).Consumers.Single(c => c.Consumer == "Hospital").Backlog.Should().BeGreaterThan(0);
        (await _api.StockAsync()).Sum(s => s.Count).Should().Be(totalBefore, "no vaccine is assigned while the hospital is off");

        app.SetModuleEnabled("Hospital", true);
        await Poll.UntilAsync(async () => (await _api.Http.GetAsync($"/hospital/bookings?date={date:yyyy-MM-dd}")).IsSuccessStatusCode, "the hospital is back");
        await _api.SettledAsync();

        var hospital = await _api.HospitalBookingsAsync(date);
        hospital.Should().HaveCount(6);
        hospital.Count(r => r.ReserveStatus == "RESERVE" && r.VaccineType is not null).Should().Be(5);
        var statuses = await Task.WhenAll(citizens.Select(c => _api.StatusOfAsync(c)));
        // A dose for each appointment: the first, and a two-dose vaccine's second, booked once the first's was known.
        (await _api.StockAsync()).Sum(s => s.Count).Should().Be(totalBefore - statuses.Where(s => s.ReserveStatus == "RESERVE").Sum(s => Schedule.Doses(s.VaccineType!)));
        var dashboard = (await _api.DashboardAsync()).Where(r => r.DoseNumber == 1).ToDictionary(r => r.UserId);
        foreach (var status in statuses)
        {
            var row = hospital.Single(r => r.UserId == status.UserId);
            dashboard[status.UserId].ReserveStatus.Should().Be(status.ReserveStatus);
            row.ReserveStatus.Should().Be(status.ReserveStatus);
            dashboard[status.UserId].VaccineType.Should().Be(status.VaccineType);
            if (status.ReserveStatus == "RESERVE") row.VaccineType.Should().Be(status.VaccineType);
        }
    }
}

public sealed class HospitalOutageTests(HospitalOffApp app) : HospitalOutageTests<HospitalOffApp>(app);

public sealed class HospitalOutageTestsOnPostgreSql(HospitalOffAppOnPostgreSql app) : HospitalOutageTests<HospitalOffAppOnPostgreSql>(app);


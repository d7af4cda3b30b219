using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

public class ScarceStockApp : KVaccineApp
{
    protected override void Configure(JsonObject settings) =>
        settings["Stock"]!["Initial"] = new JsonObject { ["Pfizer"] = 1, ["Moderna"] = 0, ["Janssen"] = 0, ["AstraZeneca"] = 0 };
}

public sealed class ScarceStockAppOnPostgreSql : ScarceStockApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>Out of stock: Hospital tries every other type, then the booking is cancelled back; no stock goes below zero.</summary>
public abstract class OutOfStockTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ScarceStockApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task When_every_vaccine_is_out_of_stock_the_booking_is_rejected_its_place_freed_and_the_citizen_told()
    {
        var date = app.FreshDate();
        var first = Citizen.New("First Citizen");
        var second = Citizen.New("Second Citizen");

        await _api.BookAsync(first, date);
        await _api.SettledAsync();
        (await _api.StatusOfAsync(first)).VaccineType.Should().Be("Pfizer", "the only type with a dose left");

        await _api.BookAsync(second, date);
        await _api.SettledAsync();

        var status = await _api.StatusOfAsync(second);
        status.ReserveStatus.Should().Be("REJECT");
        status.Reason.Should().Be("OUT_OF_STOCK");
        status.Notifications[0].Message.Should().Contain("no vaccine is available");
        (await _api.StockAsync()).Should().OnlyContain(s => s.Count == 0);
        (await _api.AvailableDatesAsync(second)).Single(d => d.ReserveDate == date).Remaining.Should().Be(app.DailyCapacity - 1, "only the first citizen holds a place");
        var rows = await _api.HospitalBookingsAsync(date);
        rows.Single(r => r.UserName == "Second Citizen").ReserveStatus.Should().Be("REJECT");
        (await _api.DashboardAsync()).Single(r => r.UserName == "Second Citizen").Should().BeEquivalentTo(new { ReserveStatus = "REJECT", Reason = "OUT_OF_STOCK" });
        (await _api.LedgerAsync()).Where(l => l.Kind == "TAKEN").Should().ContainSingle();
    }
}

public sealed class OutOfStockTests(ScarceStockApp app) : OutOfStockTests<ScarceStockApp>(app);

public sealed class OutOfStockTestsOnPostgreSql(ScarceStockAppOnPostgreSql app) : OutOfStockTests<ScarceStockAppOnPostgreSql>(app);


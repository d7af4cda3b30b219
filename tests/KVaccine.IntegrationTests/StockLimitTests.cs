using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>A stock a few doses short of the most a count may hold (a thousand million doses of a type).</summary>
public class NearlyFullStockApp : KVaccineApp
{
    public const int Limit = 1_000_000_000;

    protected override void Configure(JsonObject settings) => settings["Stock"]!["Initial"]!["Pfizer"] = Limit - 5;
}

public sealed class NearlyFullStockAppOnPostgreSql : NearlyFullStockApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>
/// A count holds any realistic campaign (a national one is about a hundred million doses) and has a limit: a receipt
/// that would take it past the limit is refused, naming the field and the limit, before any arithmetic could overflow.
/// </summary>
public abstract class StockLimitTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NearlyFullStockApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_receipt_that_would_take_a_count_past_its_limit_is_refused_naming_the_quantity_and_the_limit()
    {
        var refused = await _api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "Pfizer", quantity = 6 });

        var problem = await Api.ProblemAsync(refused, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("quantity")[0].GetString()
            .Should().Be("Pfizer holds 999,999,995 doses and a count holds at most 1,000,000,000: at most 5 more can be received.");
        (await _api.StockOfAsync("Pfizer")).Should().Be(NearlyFullStockApp.Limit - 5);
        (await _api.LedgerAsync("Pfizer")).Should().ContainSingle("the refused receipt left no movement");

        var received = await Api.ReadAsync<StockLevel>(await _api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "Pfizer", quantity = 5 }), HttpStatusCode.OK);
        received!.Count.Should().Be(NearlyFullStockApp.Limit);
    }

    [DatabaseFact]
    public void A_first_count_above_the_limit_stops_the_host_naming_its_key()
    {
        using var tooMuch = new TooMuchStockApp();

        var refusal = Record.Exception(() => tooMuch.CreateClient());

        refusal.Should().NotBeNull();
        refusal!.ToString().Should().Contain("Stock:Initial:Moderna: give a whole number of doses, from 0 to 1000000000.");
    }

    private sealed class TooMuchStockApp : KVaccineApp
    {
        protected override void Configure(JsonObject settings) => settings["Stock"]!["Initial"]!["Moderna"] = int.MaxValue;
    }
}

public sealed class StockLimitTests(NearlyFullStockApp app) : StockLimitTests<NearlyFullStockApp>(app);

public sealed class StockLimitTestsOnPostgreSql(NearlyFullStockAppOnPostgreSql app) : StockLimitTests<NearlyFullStockAppOnPostgreSql>(app);


using System.Net;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

public class TightBudgetApp : KVaccineApp
{
    protected override void Configure(JsonObject settings)
    {
        settings["RateLimits"]!["Dates"] = new JsonObject { ["PerClientPerSecond"] = 5, ["Concurrency"] = 2 };
        settings["RateLimits"]!["Booking"] = new JsonObject { ["PerClientPerSecond"] = 50, ["Concurrency"] = 20 };
    }
}

public sealed class TightBudgetAppOnPostgreSql : TightBudgetApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>A flood of date queries is refused fast with 429 and Retry-After; the service and bookings go on.</summary>
public abstract class OverloadTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TightBudgetApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_flood_of_date_queries_gets_429_with_Retry_After_while_health_and_bookings_still_answer()
    {
        var citizen = Citizen.New();

        var flood = Enumerable.Range(0, 200).Select(_ => _api.DatesAsync(citizen)).ToList();
        var live = await _api.Http.GetAsync("/health/live");
        var booking = await _api.ReserveAsync(Citizen.New(), app.FreshDate());
        var responses = await Task.WhenAll(flood);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        booking.StatusCode.Should().Be(HttpStatusCode.Created, "bookings have their own budget");
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.TooManyRequests);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().BeInRange(1, 20, "a burst of ten, two at a time");
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().HaveCountGreaterThan(150);
        foreach (var response in refused.Take(5))
        {
            response.Headers.RetryAfter.Should().NotBeNull();
            var problem = await Api.ProblemAsync(response, HttpStatusCode.TooManyRequests);
            problem.GetProperty("detail").GetString().Should().Contain("try again");
        }
    }
}

public sealed class OverloadTests(TightBudgetApp app) : OverloadTests<TightBudgetApp>(app);

public sealed class OverloadTestsOnPostgreSql(TightBudgetAppOnPostgreSql app) : OverloadTests<TightBudgetAppOnPostgreSql>(app);


using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Web;

namespace KVaccine.IntegrationTests.OpenApi;

/// <summary>A host whose every rate budget is one request a second per client (a burst of two), one at a time overall.</summary>
public sealed class OneRequestASecondApp : KVaccineApp
{
    protected override void Configure(JsonObject settings)
    {
        foreach (var budget in new[] { Overload.Dates, Overload.Booking, Overload.Injection })
            settings["RateLimits"]![budget] = new JsonObject { ["PerClientPerSecond"] = 1, ["Concurrency"] = 1 };
    }
}

/// <summary>Every operation that documents 429 is refused so when over its budget, with the documented body and Retry-After.</summary>
public sealed class OpenApiOverloadTests(OneRequestASecondApp app) : IClassFixture<OneRequestASecondApp>
{
    private readonly Api _staff = app.CreateApi();

    [Fact]
    public async Task Every_operation_that_documents_429_answers_it_over_budget_as_documented()
    {
        var document = await ApiDocument.ReadAsync(_staff.Http);
        var requests = new Requests(document, app.FreshDate);

        var limited = document.Operations.Where(o => o.Documents(429)).ToList();
        limited.Should().NotBeEmpty();
        foreach (var operation in limited)
        {
            // A burst of two, then a token a second: the budget is spent long before ten requests one after another.
            var statuses = new List<int>();
            for (var i = 0; i < 10 && !statuses.Contains(429); i++)
            {
                using var message = requests.Valid(operation, Persona.Stranger(KVaccineApp.Tomorrow)).ToMessage();
                using var response = await _staff.Http.SendAsync(message);
                statuses.Add(await document.AssertDocumentsAsync(operation, response, "over its budget"));
            }
            statuses.Should().Contain(429, $"{operation.Name} is under a budget of one request a second");
        }
    }
}

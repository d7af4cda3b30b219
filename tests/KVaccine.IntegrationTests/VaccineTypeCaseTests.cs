using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>The hospital's settings name its one vaccine in another case than the service's list does.</summary>
public class OddlySpelledHospitalApp : KVaccineApp
{
    protected override void Configure(JsonObject settings) => settings["Hospital"]!["VaccineTypes"] = "pFIZER";
}

public sealed class OddlySpelledHospitalAppOnPostgreSql : OddlySpelledHospitalApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>
/// A vaccine type is found on the service's list whatever its case, on every route and in every setting, and is
/// stored and answered as the list spells it; a name the list does not hold is a validation problem.
/// </summary>
public abstract class VaccineTypeCaseTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : OddlySpelledHospitalApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_vaccine_type_in_any_case_finds_the_type_and_is_answered_as_the_list_spells_it()
    {
        var citizen = Citizen.New();
        var booked = await _api.BookAsync(citizen, app.FreshDate());
        await _api.SettledAsync();

        (await _api.StatusOfAsync(citizen)).VaccineType.Should().Be("Pfizer", "the hospital's setting is read as the list spells it");

        var dashboard = await _api.Http.GetFromJsonAsync<List<DashboardRow>>("/dashboard/list/pfizer");
        dashboard.Should().Contain(r => r.UserId == booked.UserId).And.OnlyContain(r => r.VaccineType == "Pfizer");
        (await _api.Http.GetFromJsonAsync<List<DashboardRow>>("/dashboard/list/PFIZER")).Should().BeEquivalentTo(dashboard);

        var ledger = await _api.LedgerAsync("pfIzer");
        ledger.Should().Contain(l => l.Kind == "TAKEN").And.OnlyContain(l => l.VaccineType == "Pfizer");

        var received = await Api.ReadAsync<StockLevel>(await _api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "PFIZER", quantity = 3 }), HttpStatusCode.OK);
        received!.VaccineType.Should().Be("Pfizer");
        (await _api.LedgerAsync("Pfizer"))[0].Should().BeEquivalentTo(new { VaccineType = "Pfizer", Kind = "RECEIVED", Change = 3 });
    }

    [DatabaseTheory]
    [InlineData("GET", "/dashboard/list/Sputnik")]
    [InlineData("GET", "/stock/ledger?vaccineType=Sputnik")]
    [InlineData("POST", "/stock/receipts")]
    public async Task A_vaccine_type_not_on_the_list_is_a_validation_problem_naming_the_known_types(string method, string route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), route)
        {
            Content = method == "POST" ? JsonContent.Create(new { vaccineType = "Sputnik", quantity = 3 }) : null,
        };

        var problem = await Api.ProblemAsync(await _api.Http.SendAsync(request), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("vaccineType")[0].GetString()
            .Should().Be("Unknown vaccine type. Known types: Pfizer, Moderna, Janssen, AstraZeneca.");
    }
}

public sealed class VaccineTypeCaseTests(OddlySpelledHospitalApp app) : VaccineTypeCaseTests<OddlySpelledHospitalApp>(app);

public sealed class VaccineTypeCaseTestsOnPostgreSql(OddlySpelledHospitalAppOnPostgreSql app) : VaccineTypeCaseTests<OddlySpelledHospitalAppOnPostgreSql>(app);


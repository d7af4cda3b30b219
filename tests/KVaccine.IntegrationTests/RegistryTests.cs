using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

/// <summary>A resident register as the identity check would call it: which name goes with which RRN.</summary>
public sealed class FakeRegister : HttpMessageHandler
{
    public ConcurrentDictionary<string, string> Residents { get; } = new();
    public volatile bool Down;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down) return new HttpResponseMessage(HttpStatusCode.BadGateway);
        var asked = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var matches = Residents.TryGetValue((string)asked["regNumber"]!, out var name) && name == (string)asked["name"]!;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { matches }) };
    }
}

public class RegistryApp : KVaccineApp
{
    public FakeRegister Register { get; } = new();

    protected override void Configure(JsonObject settings) =>
        settings["User"]!["Identity"] = new JsonObject { ["RegistryUrl"] = "http://register.test/verify" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The real check and HttpClient; only the register behind them is the test's.
        builder.ConfigureTestServices(services => services.AddHttpClient("RegistryIdentityCheck").ConfigurePrimaryHttpMessageHandler(() => Register));
    }
}

public sealed class RegistryAppOnPostgreSql : RegistryApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>With a register plugged into the identity seam, no number can be claimed and none can be probed.</summary>
public abstract class RegistryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : RegistryApp, new()
{
    private readonly Api _api = app.CreateApi("anonymous");

    private Citizen Resident(string name)
    {
        var citizen = Citizen.New(name);
        app.Register.Residents[citizen.UserRegNumber.Replace("-", "")] = name;
        return citizen;
    }

    [DatabaseFact]
    public async Task A_wrong_name_is_refused_alike_whether_or_not_the_number_has_booked_and_the_owner_books_unhindered()
    {
        var booked = Resident("Minji Park");
        await _api.BookAsync(booked, app.FreshDate());
        var notBooked = Resident("Hana Yoon");

        var answers = new List<string>();
        foreach (var probe in new[] { booked with { UserName = "Mallory" }, notBooked with { UserName = "Mallory" } })
        {
            var response = await _api.ReserveAsync(probe, app.FreshDate());
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            answers.Add($"{(int)response.StatusCode} {body.ToJsonString()}");
        }
        answers.Distinct().Should().ContainSingle().Which.Should().StartWith("404 ");

        (await _api.BookAsync(notBooked, app.FreshDate())).ReserveStatus.Should().Be("RESERVE", "nobody could claim the number first");
    }

    [DatabaseFact]
    public async Task A_name_changed_in_the_register_is_followed_here_and_by_the_other_modules_copies()
    {
        var citizen = Resident("Eunji Seo");
        var booked = await _api.BookAsync(citizen, app.FreshDate());
        app.Register.Residents[citizen.UserRegNumber.Replace("-", "")] = "Eunji Song"; // a legal change of name

        (await _api.StatusOfAsync(citizen with { UserName = "Eunji Song" })).UserName.Should().Be("Eunji Song");
        await Api.ProblemAsync(await _api.StatusAsync(citizen), HttpStatusCode.NotFound);
        var staff = app.CreateApi();
        await staff.SettledAsync();
        (await staff.DashboardAsync()).Where(r => r.UserId == booked.UserId).Should().NotBeEmpty().And.OnlyContain(r => r.UserName == "Eunji Song");
    }

    [DatabaseFact]
    public async Task A_register_that_does_not_answer_is_a_503_and_nothing_is_written()
    {
        var citizen = Resident("Doyun Kang");
        app.Register.Down = true;
        try
        {
            var response = await _api.ReserveAsync(citizen, app.FreshDate());
            await Api.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.Should().NotBeNull();
        }
        finally
        {
            app.Register.Down = false;
        }
        await Api.ProblemAsync(await _api.StatusAsync(citizen), HttpStatusCode.NotFound);
    }
}

public sealed class RegistryTests(RegistryApp app) : RegistryTests<RegistryApp>(app);

public sealed class RegistryTestsOnPostgreSql(RegistryAppOnPostgreSql app) : RegistryTests<RegistryAppOnPostgreSql>(app);


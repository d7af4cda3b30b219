using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Host.Auth;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Every error is a ProblemDetails in the service's own words, in Development as in Production: what the framework
/// would say (its parameter names, its types, its advice to the developer, the value it could not read) never reaches
/// a client.
/// </summary>
public abstract class ErrorWordingTests<TApp>(TApp app) where TApp : KVaccineApp
{
    /// <summary>Sent where a client's value could be echoed: no answer may carry it.</summary>
    private const string Echo = "zz-echo";

    private static readonly string[] FrameworkWords =
    [
        "Implicit body", "Did you mean", "Failed to bind", "Failed to read", "parameter \"", "Nullable", "Expected a supported",
        "was not provided", "Microsoft.", "System.", "Exception", "IDX",
    ];

    private readonly Api _api = app.CreateApi();

    public static TheoryData<string, string, string?, string?, int, string> Unreadable() => new()
    {
        // method, route, body, its content type, the status, the detail
        { "POST", "/user/status", "", "application/json", 400, "The request needs a JSON body." },
        { "POST", "/user/cancel", "null", "application/json", 400, "The request needs a JSON body." },
        { "POST", "/user/reserve", null, null, 400, "The request needs a JSON body." },
        { "POST", "/user/date", "userName=" + Echo, "text/" + Echo, 415, "Send the request body as JSON, with Content-Type: application/json." },
        { "GET", "/stock/ledger?bookingId=" + Echo, null, null, 400, "The query parameter 'bookingId' must be a whole number." },
        { "GET", "/stock/ledger?BOOKINGID=12" + Echo, null, null, 400, "The query parameter 'bookingId' must be a whole number." },
        { "GET", "/user/status", null, null, 405, "This route does not take this method; the Allow header lists those it does." },
        { "ZZ-ECHO", "/stock", null, null, 405, "This route does not take this method; the Allow header lists those it does." },
        { "GET", "/" + Echo, null, null, 404, "There is nothing at this address." },
    };

    [DatabaseTheory]
    [MemberData(nameof(Unreadable))]
    public async Task A_request_the_framework_cannot_read_is_answered_in_the_services_words(string method, string route, string? body, string? contentType, int status, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _api.Http.SendAsync(request);

        var problem = await ProblemInOwnWordsAsync(response, status);
        problem.GetProperty("detail").GetString().Should().Be(detail);
    }

    [DatabaseTheory]
    [InlineData("/dashboard/list/Pfizer%01")]
    [InlineData("/dashboard/list/" + Echo)]
    [InlineData("/stock/ledger?vaccineType=Pfizer%0A")]
    public async Task A_vaccine_type_with_control_characters_or_unknown_is_a_validation_problem_naming_the_field(string route)
    {
        var response = await _api.Http.GetAsync(route);

        var problem = await ProblemInOwnWordsAsync(response, 400);
        problem.GetProperty("errors").GetProperty("vaccineType")[0].GetString().Should().StartWith("Unknown vaccine type.");
    }

    [DatabaseFact]
    public async Task A_refused_token_is_told_it_is_refused_and_not_why()
    {
        var auth = JsonDocument.Parse(File.ReadAllText(app.SettingsFile)).RootElement.GetProperty("Auth").Deserialize<AuthOptions>()!;
        var otherIssuer = StaffTokens.Issue(new AuthOptions { SigningKey = auth.SigningKey, Issuer = Echo, Audience = auth.Audience },
            "mallory", [StaffPolicies.AdminRole], app.Clock);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", otherIssuer);

        var response = await client.GetAsync("/stock");

        var problem = await ProblemInOwnWordsAsync(response, 401);
        problem.GetProperty("detail").GetString().Should().Be("This route needs a valid staff token: Authorization: Bearer <token>.");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.ToString().Should().Be("Bearer");
    }

    [DatabaseFact]
    public async Task A_missing_token_and_a_wrong_role_are_answered_in_the_services_words()
    {
        var anonymous = await app.CreateApi("anonymous").Http.GetAsync("/stock");
        (await ProblemInOwnWordsAsync(anonymous, 401)).GetProperty("detail").GetString()
            .Should().Be("This route needs a valid staff token: Authorization: Bearer <token>.");

        var wrongRole = await app.CreateApi(StaffPolicies.HospitalStaffRole).Http.GetAsync("/stock");
        (await ProblemInOwnWordsAsync(wrongRole, 403)).GetProperty("detail").GetString()
            .Should().Be("Your staff role does not allow this route.");
    }

    private static async Task<JsonElement> ProblemInOwnWordsAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, text);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", text);
        text.Should().NotContainAny(FrameworkWords).And.NotContainEquivalentOf(Echo, "an error names what was wrong, never the value sent");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("title").GetString().Should().NotBe(ReasonPhrases.GetReasonPhrase(status), "the title is the service's, not HTTP's")
            .And.NotBe("One or more validation errors occurred.");
        return problem;
    }
}

public sealed class ErrorWordingInDevelopmentTests(KVaccineApp app) : ErrorWordingTests<KVaccineApp>(app), IClassFixture<KVaccineApp>;

public sealed class ErrorWordingInProductionTests(ProductionKeysApp app) : ErrorWordingTests<ProductionKeysApp>(app), IClassFixture<ProductionKeysApp>;

public sealed class ErrorWordingOnPostgreSql(KVaccineAppOnPostgreSql app) : ErrorWordingTests<KVaccineAppOnPostgreSql>(app), IClassFixture<KVaccineAppOnPostgreSql>;

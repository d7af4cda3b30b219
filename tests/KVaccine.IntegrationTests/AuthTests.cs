using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Host.Auth;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KVaccine.IntegrationTests;

/// <summary>Staff routes need a JWT with the right role: anonymous is 401, a wrong role 403, both as ProblemDetails.</summary>
public abstract class AuthTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private const string Admin = StaffPolicies.AdminRole;
    private const string Staff = StaffPolicies.HospitalStaffRole;

    public static TheoryData<string, string, string[]> ProtectedRoutes() => new()
    {
        { "GET", "/hospital/bookings?date=2026-11-26", [Staff] },
        { "POST", "/hospital/inject", [Staff] },
        { "GET", "/stock", [Admin] },
        { "GET", "/stock/ledger", [Admin] },
        { "POST", "/stock/receipts", [Admin] },
        { "GET", "/dashboard/list", [Admin, Staff] },
        { "GET", "/dashboard/list/Pfizer", [Admin, Staff] },
        { "GET", "/dashboard/summary", [Admin, Staff] },
        { "GET", "/dashboard/changes", [Admin, Staff] },
        { "GET", "/admin/outbox", [Admin] },
        { "POST", "/admin/outbox/dead-letters/1/replay", [Admin] },
        { "POST", "/admin/citizens/lookup", [Admin] },
        { "POST", "/admin/citizens/name", [Admin] },
        { "POST", "/admin/citizens/unlock", [Admin] },
    };

    [DatabaseTheory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_protected_route_answers_401_without_a_token_403_with_the_wrong_role_and_serves_the_right_one(string method, string route, string[] allowed)
    {
        var anonymous = await SendAsync(app.CreateApi("anonymous"), method, route);
        var problem = await Api.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        problem.GetProperty("status").GetInt32().Should().Be(401);

        foreach (var role in new[] { Admin, Staff })
        {
            var response = await SendAsync(app.CreateApi(role), method, route);
            if (allowed.Contains(role))
                ((int)response.StatusCode).Should().NotBe(401).And.NotBe(403, $"{role} may call {method} {route}");
            else
                (await Api.ProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("status").GetInt32().Should().Be(403);
        }
    }

    [DatabaseFact]
    public async Task A_token_signed_with_another_key_or_expired_is_refused()
    {
        var forged = StaffTokens.Issue(new AuthOptions { SigningKey = new string('x', 64) }, "mallory", [Admin], TimeProvider.System);
        var expired = app.TokenFor(Admin);
        var client = app.CreateClient();

        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        (await client.GetAsync("/stock")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // Past the token's hour of life, and still the same day in Seoul, so the class's other tests keep their today.
        app.Clock.Advance(TimeSpan.FromHours(2));
        client.DefaultRequestHeaders.Authorization = new("Bearer", expired);
        (await client.GetAsync("/stock")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [DatabaseFact]
    public async Task Citizen_routes_need_no_token()
    {
        (await app.CreateApi("anonymous").DatesAsync(Citizen.New())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task The_token_command_prints_a_token_the_host_accepts()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(app.SettingsFile).Build();
        var output = new StringWriter();

        StaffTokens.RunCommand(["token", "--role", Admin], configuration, app.Clock, output, TextWriter.Null).Should().Be(0);
        StaffTokens.RunCommand(["token", "--role", "Janitor"], configuration, app.Clock, TextWriter.Null, TextWriter.Null).Should().Be(2);

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", output.ToString().Trim());
        (await client.GetAsync("/stock")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SendAsync(Api api, string method, string route) =>
        api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), route)
        {
            Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
        });
}

public sealed class AuthTests(KVaccineApp app) : AuthTests<KVaccineApp>(app);

public sealed class AuthTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : AuthTests<KVaccineAppOnPostgreSql>(app);

/// <summary>A signing key long enough for every HMAC size, so that only the algorithm can tell a token apart.</summary>
public sealed class LongKeyApp : KVaccineApp
{
    protected override void Configure(JsonObject settings) =>
        settings["Auth"]!["SigningKey"] = "a-development-signing-key-long-enough-for-every-hmac-size-0123456789abcdef";
}

/// <summary>A token is accepted only as the service signs it: HMAC-SHA256 with its key, not another HMAC size with the same key.</summary>
public sealed class TokenAlgorithmTests(LongKeyApp app) : IClassFixture<LongKeyApp>
{
    private const string Admin = StaffPolicies.AdminRole;

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    public async Task A_token_signed_with_the_right_key_but_another_algorithm_is_refused(string algorithm)
    {
        var client = app.CreateClient();
        var auth = JsonSerializer.Deserialize<AuthOptions>(JsonNode.Parse(File.ReadAllText(app.SettingsFile))!["Auth"])!;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "mallory"), new Claim(ClaimTypes.Role, Admin)]),
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(auth.CreateKey(), algorithm),
        });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        (await client.GetAsync("/stock")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = new("Bearer", app.TokenFor(Admin));
        (await client.GetAsync("/stock")).StatusCode.Should().Be(HttpStatusCode.OK, "the service's own HS256 tokens are accepted");
    }
}

/// <summary>Outside Development the host refuses to start with the keys shipped for development.</summary>
public sealed class ProductionKeyTests
{
    [Fact]
    public void The_host_refuses_to_start_in_production_with_the_development_keys_or_a_test_switch()
    {
        using var production = new ProductionApp();

        var refusal = Record.Exception(() => production.CreateClient());

        refusal.Should().NotBeNull();
        refusal!.ToString().Should().Contain("Auth:SigningKey is the development key").And.Contain("User:RegNumberHashKey is the development key")
            .And.Contain("Idempotency:FingerprintKey is the development key")
            .And.Contain("FaultInjection is a test-only switch").And.Contain("Testing:ClockOffset is a test-only switch");
    }

    private sealed class ProductionApp : KVaccineApp
    {
        protected override void Configure(System.Text.Json.Nodes.JsonObject settings)
        {
            settings["FaultInjection"] = new System.Text.Json.Nodes.JsonObject { ["Consumer"] = "Dashboard" };
            settings["Testing"] = new System.Text.Json.Nodes.JsonObject { ["ClockOffset"] = "1.00:00:00" };
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

/// <summary>The host itself: health, OpenAPI, ProblemDetails, and module toggles read at runtime.</summary>
public abstract class HostTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task Liveness_and_readiness_answer_healthy_once_migrated_and_dispatching()
    {
        JsonDocument.Parse(await _api.Http.GetStringAsync("/health/live")).RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        await Poll.UntilAsync(async () => (await _api.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready");
    }

    [DatabaseFact]
    public async Task Swagger_describes_the_routes_with_their_request_shapes()
    {
        var json = JsonDocument.Parse(await _api.Http.GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var paths = json.GetProperty("paths");
        foreach (var route in new[] { "/user/date", "/user/reserve", "/user/status", "/user/cancel", "/hospital/inject", "/hospital/bookings", "/stock", "/stock/ledger", "/stock/receipts", "/dashboard/list", "/dashboard/summary", "/admin/outbox" })
            paths.TryGetProperty(route, out _).Should().BeTrue(route);
        var schemas = json.GetProperty("components").GetProperty("schemas").GetRawText();
        schemas.Should().Contain("userRegNumber").And.Contain("reserveDate").And.Contain("reserveStatus");
        (await _api.Http.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task A_module_switched_off_in_the_configuration_file_answers_503_until_switched_back_on()
    {
        (await _api.Http.GetAsync("/stock")).StatusCode.Should().Be(HttpStatusCode.OK);

        app.SetModuleEnabled("Stock", false);
        await Poll.UntilAsync(async () => (await _api.Http.GetAsync("/stock")).StatusCode == HttpStatusCode.ServiceUnavailable, "Stock is off");
        var problem = await Api.ProblemAsync(await _api.Http.GetAsync("/stock"), HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("title").GetString().Should().Be("The Stock module is switched off.");

        app.SetModuleEnabled("Stock", true);
        await Poll.UntilAsync(async () => (await _api.Http.GetAsync("/stock")).StatusCode == HttpStatusCode.OK, "Stock is back");
    }

    [DatabaseFact]
    public async Task With_Reservation_off_the_date_query_answers_503_fast_and_bookings_stay_pending()
    {
        app.SetModuleEnabled("Reservation", false);
        try
        {
            await Poll.UntilAsync(async () => (await _api.DatesAsync(Citizen.New())).StatusCode == HttpStatusCode.ServiceUnavailable, "Reservation is off");
            var refused = await _api.DatesAsync(Citizen.New());
            refused.Headers.RetryAfter.Should().NotBeNull();
            var problem = await Api.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("detail").GetString().Should().Contain("try again");

            var pending = await Api.ReadAsync<BookingAnswer>(await _api.ReserveAsync(Citizen.New(), app.FreshDate()), HttpStatusCode.Accepted);
            pending!.ReserveStatus.Should().Be("PENDING");
        }
        finally
        {
            app.SetModuleEnabled("Reservation", true);
        }
        await _api.SettledAsync();
    }

    [DatabaseFact]
    public async Task Invalid_input_is_a_400_ProblemDetails_naming_each_field_and_nothing_is_written()
    {
        var response = await _api.Http.PostAsJsonAsync("/user/reserve", new { userName = "", userRegNumber = "891332-1234567", reserveDate = "2026-13-01" });

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("userName", out _).Should().BeTrue();
        errors.GetProperty("userRegNumber")[0].GetString().Should().Contain("date of birth").And.NotContain("891332");
        errors.TryGetProperty("reserveDate", out _).Should().BeTrue();
        (await _api.DashboardAsync()).Should().NotContain(r => r.UserName == "");

        var malformed = await Api.ProblemAsync(await _api.Http.PostAsync("/user/reserve", new StringContent("{\"userName\":", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        malformed.GetProperty("detail").GetString().Should().Contain("JSON");
    }

    [DatabaseFact]
    public void Every_context_model_matches_its_migrations()
    {
        _ = _api; // the host is started
        using var scope = app.Services.CreateScope();
        var contexts = app.Services.GetRequiredService<IReadOnlyList<IModule>>().Select(m => (m.Name, (DbContext)scope.ServiceProvider.GetRequiredService(m.DbContextType)))
            .Append(("Outbox", scope.ServiceProvider.GetRequiredService<OutboxDbContext>()))
            .Append(("Idempotency", scope.ServiceProvider.GetRequiredService<IdempotencyDbContext>()));

        foreach (var (name, context) in contexts)
            context.Database.HasPendingModelChanges().Should().BeFalse($"{name}'s model changed without a migration (dotnet ef migrations add)");
    }
}

public sealed class HostTests(KVaccineApp app) : HostTests<KVaccineApp>(app);

public sealed class HostTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : HostTests<KVaccineAppOnPostgreSql>(app);


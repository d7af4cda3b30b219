using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

/// <summary>
/// <c>Idempotency-Key</c>: a retry that means the same gets the first answer and changes nothing; another request
/// under the key is a 422; a request that got no final answer holds no key.
/// </summary>
public abstract class IdempotencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();

    private Task<HttpResponseMessage> PostAsync(string route, object body, string key) => PostAsync(_api, route, body, key);

    private static Task<HttpResponseMessage> PostAsync(Api api, string route, object body, string key) =>
        SendAsync(api, route, JsonContent.Create(body), key);

    private Task<HttpResponseMessage> PostJsonAsync(string route, string json, string key, CancellationToken ct = default) =>
        SendAsync(_api, route, new StringContent(json, Encoding.UTF8, "application/json"), key, ct);

    private static Task<HttpResponseMessage> SendAsync(Api api, string route, HttpContent? content, string key, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return api.Http.SendAsync(request, ct);
    }

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotency-Replayed", out var values) && values.Contains("true");

    [DatabaseFact]
    public async Task A_retried_booking_gets_the_first_answer_and_books_nothing_more()
    {
        var citizen = Citizen.New();
        var body = new { citizen.UserName, citizen.UserRegNumber, reserveDate = app.FreshDate().ToString("yyyy-MM-dd") };
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync("/user/reserve", body, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        await _api.SettledAsync();
        var notificationsBefore = (await _api.StatusOfAsync(citizen)).Notifications.Count;
        var dashboardBefore = (await _api.DashboardAsync()).Count;

        var retry = await PostAsync("/user/reserve", body, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created, "not 409: the retry is the same request");
        (await retry.Content.ReadAsStringAsync()).Should().Be(firstBody);
        retry.Headers.GetValues("Idempotency-Replayed").Should().Equal("true");
        await _api.SettledAsync();
        (await _api.StatusOfAsync(citizen)).Notifications.Should().HaveCount(notificationsBefore);
        (await _api.DashboardAsync()).Should().HaveCount(dashboardBefore);
    }

    [DatabaseFact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        var date = app.FreshDate();
        var citizen = Citizen.New();
        (await PostAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd") }, key))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var other = Citizen.New();
        var reused = await PostAsync("/user/reserve", new { other.UserName, other.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd") }, key);

        (await Api.ProblemAsync(reused, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString().Should().Contain("another request");
        (await _api.StatusAsync(other)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the second request was not processed");
    }

    [DatabaseFact]
    public async Task A_retry_written_differently_but_meaning_the_same_gets_the_first_answer()
    {
        var key = Guid.NewGuid().ToString();
        var citizen = Citizen.New("Taeyeon Kim");
        var date = app.FreshDate().ToString("yyyy-MM-dd");
        var first = await PostJsonAsync("/user/reserve",
            $$"""{"userName":"Taeyeon Kim","userRegNumber":"{{citizen.UserRegNumber}}","reserveDate":"{{date}}"}""", key);
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());

        // Pretty-printed, the keys in another order, the name spaced and cased otherwise, the RRN without its hyphen.
        var rewritten = await PostJsonAsync("/user/reserve", $$"""
            {
              "reserveDate": "{{date}}",
              "userRegNumber": "{{citizen.UserRegNumber.Replace("-", "")}}",
              "userName": "  taeyeon   KIM "
            }
            """, key);
        var anotherDate = await PostJsonAsync("/user/reserve",
            $$"""{"userName":"Taeyeon Kim","userRegNumber":"{{citizen.UserRegNumber}}","reserveDate":"{{app.FreshDate():yyyy-MM-dd}}"}""", key);

        rewritten.StatusCode.Should().Be(HttpStatusCode.Created, await rewritten.Content.ReadAsStringAsync());
        Replayed(rewritten).Should().BeTrue("it is the same request, written differently");
        (await rewritten.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await Api.ProblemAsync(anotherDate, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString().Should().Contain("another request");
    }

    public static TheoryData<string, string> RefusedBodies => new()
    {
        { "malformed JSON", """{"userName":"Test Citizen","userRegNumber":""" },
        { "a field that fails validation", """{"userName":"Test Citizen","userRegNumber":"900101-1","reserveDate":"{date}"}""" },
        { "a date the handler refuses", """{"userName":"Test Citizen","userRegNumber":"{rrn}","reserveDate":"2020-01-01"}""" },
    };

    [DatabaseTheory]
    [MemberData(nameof(RefusedBodies))]
    public async Task A_key_first_sent_with_a_body_that_was_refused_serves_the_corrected_retry(string what, string refused)
    {
        var key = Guid.NewGuid().ToString();
        var citizen = Citizen.New();
        var date = app.FreshDate().ToString("yyyy-MM-dd");
        var first = await PostJsonAsync("/user/reserve", refused.Replace("{rrn}", citizen.UserRegNumber).Replace("{date}", date), key);
        await Api.ProblemAsync(first, HttpStatusCode.BadRequest);

        var corrected = await PostAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = date }, key);
        var again = await PostAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = date }, key);

        corrected.StatusCode.Should().Be(HttpStatusCode.Created, $"the key sent with {what} was not held: {await corrected.Content.ReadAsStringAsync()}");
        Replayed(corrected).Should().BeFalse();
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        Replayed(again).Should().BeTrue("the corrected request holds the key now");
    }

    [DatabaseFact]
    public async Task A_request_whose_client_went_away_is_finished_and_its_retry_gets_the_answer()
    {
        var key = Guid.NewGuid().ToString();
        var citizen = Citizen.New();
        var body = new { citizen.UserName, citizen.UserRegNumber, reserveDate = app.FreshDate().ToString("yyyy-MM-dd") };
        // With Reservation off the booking stays PENDING, and the request waits ConfirmWaitMs for a decision.
        app.SetModuleEnabled("Reservation", false);
        try
        {
            await Poll.UntilAsync(async () => (await _api.DatesAsync(Citizen.New())).StatusCode == HttpStatusCode.ServiceUnavailable, "Reservation is off");
            using var goAway = new CancellationTokenSource();
            var first = SendAsync(_api, "/user/reserve", JsonContent.Create(body), key, goAway.Token);
            await Poll.UntilAsync(async () => (await _api.StatusAsync(citizen)).StatusCode == HttpStatusCode.OK, "the booking is saved and the request waits");
            await goAway.CancelAsync();
            await FluentActions.Awaiting(() => first).Should().ThrowAsync<OperationCanceledException>();

            var retry = await Poll.ForAsync(() => PostAsync("/user/reserve", body, key), r => r.StatusCode != HttpStatusCode.Conflict,
                "the retry is no longer told the first request is still being processed");

            var answer = await Api.ReadAsync<BookingAnswer>(retry, HttpStatusCode.Accepted);
            answer!.ReserveStatus.Should().Be("PENDING");
            Replayed(retry).Should().BeTrue("the first request was finished, not run again");
        }
        finally
        {
            app.SetModuleEnabled("Reservation", true);
        }
        await _api.SettledAsync();
    }

    [DatabaseFact]
    public async Task A_key_left_in_progress_by_a_host_that_died_is_taken_over_after_a_while()
    {
        var key = Guid.NewGuid().ToString();
        var stranger = Citizen.New();
        (await PostAsync("/user/cancel", stranger, key)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // A host killed mid-request leaves its claim without an answer; a process here cannot be killed, so the test
        // puts the row back as it would have been left.
        using (var scope = app.Services.CreateScope())
        {
            var now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            (await scope.ServiceProvider.GetRequiredService<IdempotencyDbContext>().Requests.Where(r => r.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Completed, false).SetProperty(r => r.Body, (string?)null).SetProperty(r => r.CreatedAtMs, now)))
                .Should().Be(1);
        }

        var meanwhile = await PostAsync("/user/cancel", stranger, key);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var later = await PostAsync("/user/cancel", stranger, key);

        (await Api.ProblemAsync(meanwhile, HttpStatusCode.Conflict)).GetProperty("title").GetString().Should().Contain("still being processed");
        meanwhile.Headers.RetryAfter.Should().NotBeNull();
        later.StatusCode.Should().Be(HttpStatusCode.NotFound, "the abandoned claim was taken over and the request processed");
        Replayed(later).Should().BeFalse();
        Replayed(await PostAsync("/user/cancel", stranger, key)).Should().BeTrue();
    }

    [DatabaseFact]
    public async Task A_retried_stock_receipt_adds_the_doses_once()
    {
        const int doses = 737;
        var key = Guid.NewGuid().ToString();
        var receipt = new { vaccineType = "Janssen", quantity = doses };

        var first = await PostAsync("/stock/receipts", receipt, key);
        var retry = await PostAsync("/stock/receipts", receipt, key);

        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.Should().Be(HttpStatusCode.OK, firstBody);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        Replayed(retry).Should().BeTrue();
        (await retry.Content.ReadAsStringAsync()).Should().Be(firstBody);
        (await _api.LedgerAsync("Janssen")).Where(e => e.Kind == "RECEIVED" && e.Change == doses).Should().ContainSingle("a retry receives nothing more");
        (await PostAsync("/stock/receipts", receipt with { quantity = doses + 1 }, key)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [DatabaseFact]
    public async Task A_stock_receipt_of_an_unknown_vaccine_type_holds_no_key()
    {
        var key = Guid.NewGuid().ToString();
        await Api.ProblemAsync(await PostAsync("/stock/receipts", new { vaccineType = "Sputnik", quantity = 5 }, key), HttpStatusCode.BadRequest);

        var corrected = await PostAsync("/stock/receipts", new { vaccineType = "Moderna", quantity = 5 }, key);

        corrected.StatusCode.Should().Be(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public void Every_state_changing_route_takes_an_Idempotency_Key()
    {
        _ = _api; // the host is started
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var changing = endpoints
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            // Every gRPC call is a POST; those that change state take a request_id in their message (GrpcContractTests).
            .Where(e => e.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is null)
            // A slice's Query only reads (citizens' lookups are POSTs so that an RRN stays out of URLs and logs).
            .Where(e => e.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters().Any(p => p.ParameterType.Name == "Query") != true)
            .ToList();

        changing.Select(e => e.RoutePattern.RawText).Should().Contain(["/user/reserve", "/user/cancel", "/hospital/inject", "/stock/receipts", "/admin/outbox/dead-letters/{id:long}/replay"]);
        foreach (var endpoint in changing)
            endpoint.Metadata.GetMetadata<IdempotentRoute>().Should().NotBeNull($"{endpoint.RoutePattern.RawText} changes state, so a client must be able to retry it safely (WithIdempotency)");
        changing.Select(e => e.Metadata.GetMetadata<IdempotentRoute>()!.Name).Should().OnlyHaveUniqueItems("a key is remembered per route name");
    }

    [DatabaseFact]
    public async Task A_retried_cancellation_and_injection_answer_as_the_first_time()
    {
        // A host of its own: moving its clock to the booked day would move today on for the class's other tests.
        await using var own = new TApp();
        var api = own.CreateApi();
        var citizen = Citizen.New();
        await api.BookAsync(citizen, own.FreshDate());
        var cancelKey = Guid.NewGuid().ToString();
        (await PostAsync(api, "/user/cancel", citizen, cancelKey)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(api, "/user/cancel", citizen, cancelKey)).StatusCode.Should().Be(HttpStatusCode.OK, "a retry is not a second cancellation (which is a 409)");
        (await api.CancelAsync(citizen)).StatusCode.Should().Be(HttpStatusCode.Conflict, "without the key it is a new request");

        var patient = Citizen.New();
        // Tomorrow: a day's move of the clock makes it today, the one day an injection is taken.
        var booked = await api.BookAsync(patient, KVaccineApp.Tomorrow);
        await api.SettledAsync();
        own.Clock.Advance(TimeSpan.FromDays(1));
        var injectKey = Guid.NewGuid().ToString();
        var first = await PostAsync(api, "/hospital/inject", new { booked.UserId }, injectKey);
        var retry = await PostAsync(api, "/hospital/inject", new { booked.UserId }, injectKey);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task A_retried_dead_letter_replay_answers_as_the_first_time_and_applies_it_once()
    {
        await using var own = new DeadLetterApp();
        var api = own.CreateApi();
        own.EditSettings(s => s["FaultInjection"] = new JsonObject { ["Consumer"] = "Dashboard", ["EventType"] = "BookingStatusChanged" });
        var configuration = own.Services.GetRequiredService<IConfiguration>();
        await Poll.UntilAsync(() => configuration["FaultInjection:Consumer"] == "Dashboard", "the fault is switched on");
        var citizen = Citizen.New();
        await api.ReserveAsync(citizen, own.FreshDate());
        var deadLetter = await Poll.ForAsync(async () => JsonNode.Parse(await api.Http.GetStringAsync("/admin/outbox"))!["deadLetters"]!.AsArray(),
            letters => letters.Count > 0, "the Dashboard's delivery is dead-lettered");
        var id = deadLetter[0]!["id"]!.GetValue<long>();
        own.EditSettings(s => s.Remove("FaultInjection"));
        await Poll.UntilAsync(() => configuration["FaultInjection:Consumer"] is null, "the fault is switched off");
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(api, $"/admin/outbox/dead-letters/{id}/replay", null, key);
        var retry = await SendAsync(api, $"/admin/outbox/dead-letters/{id}/replay", null, key);

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted, "not 404: the retry is the same replay");
        Replayed(retry).Should().BeTrue();
        (await api.Http.PostAsync($"/admin/outbox/dead-letters/{id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "without the key it is a new request");
        // The second dose's booking, made while the fault was on, may have a dead letter of its own: an operator replays it too.
        foreach (var other in JsonNode.Parse(await api.Http.GetStringAsync("/admin/outbox"))!["deadLetters"]!.AsArray())
            (await api.Http.PostAsync($"/admin/outbox/dead-letters/{other!["id"]!.GetValue<long>()}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await api.SettledAsync();
        var masked = citizen.UserRegNumber[..8] + "******";
        (await api.DashboardAsync()).Should().ContainSingle(r => r.MaskedRegNumber == masked && r.DoseNumber == 1);
    }

    [DatabaseTheory]
    [InlineData("has space")]
    [InlineData("a-key-that-is-far-too-long-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_key_is_a_400(string key)
    {
        var response = await PostAsync("/user/cancel", Citizen.New(), key);

        await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
    }
}

public sealed class IdempotencyTests(KVaccineApp app) : IdempotencyTests<KVaccineApp>(app);

public sealed class IdempotencyTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : IdempotencyTests<KVaccineAppOnPostgreSql>(app);

/// <summary>A host whose deliveries are dead-lettered at their first failure.</summary>
public sealed class DeadLetterApp : KVaccineApp
{
    protected override void Configure(JsonObject settings) => settings["Outbox"]!["MaxAttempts"] = 1;
}

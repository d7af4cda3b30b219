using System.Net;
using System.Net.Http.Json;

namespace KVaccine.IntegrationTests;

/// <summary><c>Idempotency-Key</c>: a retry gets the first answer and changes nothing; another body under the key is a 422.</summary>
public sealed class IdempotencyTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private readonly Api _api = app.CreateApi();

    private Task<HttpResponseMessage> PostAsync(string route, object body, string key) => PostAsync(_api, route, body, key);

    private static Task<HttpResponseMessage> PostAsync(Api api, string route, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return api.Http.SendAsync(request);
    }

    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task A_retried_cancellation_and_injection_answer_as_the_first_time()
    {
        // A host of its own: moving its clock to the booked day would move today on for the class's other tests.
        await using var own = new KVaccineApp();
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

    [Theory]
    [InlineData("has space")]
    [InlineData("a-key-that-is-far-too-long-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_key_is_a_400(string key)
    {
        var response = await PostAsync("/user/cancel", Citizen.New(), key);

        await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
    }
}

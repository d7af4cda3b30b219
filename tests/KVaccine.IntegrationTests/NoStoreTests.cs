using System.Net.Http.Json;
using KVaccine.BuildingBlocks.Web;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// No answer of the API may be kept by a cache on the way (a proxy, a browser, a shared terminal): citizens' names,
/// masked RRNs, bookings and statuses are personal data, and an answer that carries none is no worse for being fresh.
/// </summary>
public abstract class NoStoreTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseTheory]
    [InlineData("POST", "/user/date")]
    [InlineData("POST", "/user/reserve")]
    [InlineData("POST", "/user/status")]
    [InlineData("POST", "/user/cancel")]
    [InlineData("GET", "/hospital/bookings?date={date}")]
    [InlineData("POST", "/hospital/inject")]
    [InlineData("GET", "/dashboard/list")]
    [InlineData("GET", "/dashboard/list/{vaccineType}")]
    [InlineData("GET", "/dashboard/summary")]
    [InlineData("GET", "/stock")]
    [InlineData("GET", "/stock/ledger?bookingId={bookingId}")]
    [InlineData("POST", "/stock/receipts")]
    [InlineData("GET", "/admin/outbox")]
    [InlineData("GET", "/health/ready")]
    public async Task Every_answer_tells_caches_not_to_store_it(string method, string route)
    {
        var citizen = Citizen.New();
        var date = app.FreshDate();
        var booked = await _api.BookAsync(citizen, date);
        await _api.SettledAsync();
        var status = await _api.StatusOfAsync(citizen);
        object? body = route switch
        {
            "/user/reserve" => new { UserName = "Another Citizen", Citizen.New().UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd") },
            "/hospital/inject" => new { booked.UserId },
            "/stock/receipts" => new { vaccineType = "Pfizer", quantity = 1 },
            _ => citizen,
        };
        var bookingId = (await _api.LedgerAsync(status.VaccineType)).First(l => l.BookingId is not null).BookingId;
        using var request = new HttpRequestMessage(new HttpMethod(method),
            route.Replace("{date}", $"{date:yyyy-MM-dd}").Replace("{vaccineType}", status.VaccineType).Replace("{bookingId}", $"{bookingId}"));
        if (method == "POST") request.Content = JsonContent.Create(body);

        var response = await _api.Http.SendAsync(request);

        ((int)response.StatusCode).Should().BeLessThan(500, await response.Content.ReadAsStringAsync());
        (response.Headers.CacheControl?.NoStore ?? false).Should().BeTrue($"{method} {route} answered {(int)response.StatusCode} with Cache-Control: {response.Headers.CacheControl}");
    }

    [DatabaseFact]
    public async Task An_error_is_not_stored_either()
    {
        var anonymous = await app.CreateApi("anonymous").Http.GetAsync("/dashboard/list");
        var wrongRole = await app.CreateApi(StaffPolicies.HospitalStaffRole).Http.GetAsync("/stock");
        var invalid = await _api.Http.PostAsJsonAsync("/user/status", new { userName = "" });

        foreach (var response in new[] { anonymous, wrongRole, invalid })
            (response.Headers.CacheControl?.NoStore ?? false).Should().BeTrue($"{(int)response.StatusCode} answered with Cache-Control: {response.Headers.CacheControl}");
    }
}

public sealed class NoStoreTests(KVaccineApp app) : NoStoreTests<KVaccineApp>(app);

public sealed class NoStoreTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : NoStoreTests<KVaccineAppOnPostgreSql>(app);


using System.Net;
using System.Text;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>Bad input on every route is a 4xx ProblemDetails, never a 5xx, and writes nothing.</summary>
public abstract class HostileInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp
{
    private const string Rrn = "890309-2766876";
    private static readonly string LongName = new('가', 51);
    private static readonly string Huge = "{\"userName\":\"" + new string('a', 20_000) + "\",\"userRegNumber\":\"" + Rrn + "\"}";

    private readonly Api _api = app.CreateApi();

    public static TheoryData<string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string?>();
        string[] citizenRoutes = ["/user/date", "/user/reserve", "/user/status", "/user/cancel", "/user/move"];
        foreach (var route in citizenRoutes)
        {
            data.Add("POST", route, "{\"userName\":");                                              // malformed JSON
            data.Add("POST", route, "[]");                                                           // wrong shape
            data.Add("POST", route, "{\"userName\":42,\"userRegNumber\":\"" + Rrn + "\"}");            // wrong type
            data.Add("POST", route, "{}");                                                           // missing fields
            data.Add("POST", route, "");                                                             // no body
            data.Add("POST", route, "{\"userName\":\"" + LongName + "\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2026-11-27\"}");
            data.Add("POST", route, "{\"userName\":\"Kim\\u0000\\u0007\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2026-11-27\"}");
            data.Add("POST", route, "{\"userName\":\"Kim\",\"userRegNumber\":\"890399-2766876\",\"reserveDate\":\"2026-11-27\"}");
            data.Add("POST", route, "{\"userName\":\"Kim\",\"userRegNumber\":\"' OR 1=1 --\",\"reserveDate\":\"2026-11-27\"}");
            data.Add("POST", route, Huge);
        }
        data.Add("POST", "/user/reserve", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2020-01-01\"}");
        data.Add("POST", "/user/reserve", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2027-06-01\"}");
        data.Add("POST", "/user/reserve", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"26/11/2026\"}");
        data.Add("POST", "/user/reserve", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":20261127}");
        data.Add("POST", "/user/reserve", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2026-11-27\",\"doseNumber\":3}");
        data.Add("POST", "/user/reserve", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2026-11-27\",\"doseNumber\":\"two\"}");
        data.Add("POST", "/user/reserve", "{\"userName\":\"Baby\",\"userRegNumber\":\"261101-3000001\",\"reserveDate\":\"2026-11-27\"}"); // too young: 409
        data.Add("POST", "/user/cancel", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"doseNumber\":0}");
        data.Add("POST", "/user/move", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2026-12-20\",\"doseNumber\":1}");
        data.Add("POST", "/user/move", "{\"userName\":\"Kim\",\"userRegNumber\":\"" + Rrn + "\",\"reserveDate\":\"2026-12-20\",\"slotTime\":\"9h\"}");
        data.Add("GET", "/user/sites/1/dates?doseNumber=3", null);
        data.Add("POST", "/hospital/inject", "{\"userId\":\"abc\"}");
        data.Add("POST", "/hospital/inject", "{\"userId\":-1}");
        data.Add("POST", "/hospital/inject", "{}");
        data.Add("POST", "/hospital/inject", "{\"userId\":99999999999999999999999}");
        data.Add("POST", "/stock/receipts", "{\"vaccineType\":\"Pfizer\",\"quantity\":-5}");
        data.Add("POST", "/stock/receipts", "{\"vaccineType\":\"Pfizer\",\"quantity\":0}");
        data.Add("POST", "/stock/receipts", "{\"vaccineType\":\"Pfizer\",\"quantity\":99999999999}");
        data.Add("POST", "/stock/receipts", "{\"vaccineType\":\"Pfizer\",\"quantity\":1.5}");
        data.Add("POST", "/stock/receipts", "{\"vaccineType\":\"Sputnik\",\"quantity\":5}");
        data.Add("POST", "/stock/receipts", "{\"vaccineType\":\"" + new string('x', 500) + "\",\"quantity\":5}");
        data.Add("POST", "/stock/receipts", "{\"quantity\":5}");
        data.Add("GET", "/hospital/bookings?date=yesterday", null);
        data.Add("GET", "/hospital/bookings?date=2026-02-30", null);
        data.Add("GET", "/stock/ledger?bookingId=abc", null);
        data.Add("GET", "/stock/ledger?vaccineType=" + new string('x', 500), null);
        data.Add("GET", "/dashboard/list/Pfizer%07", null);
        data.Add("GET", "/dashboard/list/" + new string('x', 500), null);
        data.Add("GET", "/dashboard/list?limit=0", null);
        data.Add("GET", "/dashboard/list?limit=abc", null);
        data.Add("GET", "/dashboard/list?after=abc&limit=10", null);
        data.Add("GET", "/dashboard/list/Pfizer?limit=99999999999", null);
        data.Add("GET", "/dashboard/changes?after=abc", null);
        data.Add("GET", "/dashboard/changes?after=-1", null);
        data.Add("GET", "/dashboard/changes?limit=0", null);
        data.Add("POST", "/admin/outbox/dead-letters/abc/replay", null);
        data.Add("POST", "/admin/outbox/dead-letters/12345/replay", null);
        return data;
    }

    [DatabaseTheory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_4xx_ProblemDetails_and_writes_nothing(string method, string route, string? body)
    {
        var rowsBefore = await app.CountRowsAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _api.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeInRange(400, 499, $"{method} {route} with {Shorten(body)} answered {text}");
        if (response.StatusCode != HttpStatusCode.NotFound || route.Contains("replay"))
            (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", text);
        text.Should().NotContain("2766876", "an error never echoes an RRN");
        (await app.CountRowsAsync()).Should().Be(rowsBefore, "nothing is written");
    }

    [DatabaseFact]
    public async Task A_wrong_content_type_is_refused_with_415()
    {
        var response = await _api.Http.PostAsync("/user/date", new StringContent("userName=Kim", Encoding.UTF8, "application/x-www-form-urlencoded"));

        ((int)response.StatusCode).Should().Be(415);
    }

    private static string Shorten(string? body) => body is null ? "no body" : body.Length > 80 ? body[..80] + "…" : body;
}

public sealed class HostileInputTests(KVaccineApp app) : HostileInputTests<KVaccineApp>(app);

public sealed class HostileInputTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : HostileInputTests<KVaccineAppOnPostgreSql>(app);

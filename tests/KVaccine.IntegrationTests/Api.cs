using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

public sealed record Citizen(string UserName, string UserRegNumber)
{
    private static int _next;

    /// <summary>A new citizen with a valid, unique RRN (born 1 January 1990).</summary>
    public static Citizen New(string name = "Test Citizen") => new(name, $"900101-1{Interlocked.Increment(ref _next):D6}");
}

public sealed record AvailableDate(DateOnly ReserveDate, int Remaining);
public sealed record BookingAnswer(long UserId, DateOnly ReserveDate, string ReserveStatus, string? Reason,
    long BookingId = 0, int SiteId = 0, string? SiteName = null, string? SlotTime = null, string? EndTime = null, int DoseNumber = 0);
public sealed record NotificationAnswer(string ReserveStatus, string Message, DateTimeOffset CreatedAt);
public sealed record StatusAnswer(long UserId, string UserName, string MaskedRegNumber, DateOnly? ReserveDate, string? ReserveStatus, string? Reason,
    string? VaccineType, DateOnly? InjectDate, DateOnly? CancelDate, List<NotificationAnswer> Notifications,
    int? SiteId = null, string? SiteName = null, string? SlotTime = null, string? EndTime = null, int? DoseNumber = null, List<AppointmentAnswer>? Appointments = null,
    NextDoseAnswer? NextDose = null)
{
    /// <summary>The latest booking of the first dose (once it is given, the original's fields show the second).</summary>
    public AppointmentAnswer FirstDose => Appointments!.Where(a => a.DoseNumber == 1).MaxBy(a => a.BookingId)!;

    public AppointmentAnswer? SecondDose => Appointments!.Where(a => a.DoseNumber == 2).MaxBy(a => a.BookingId);
}
public sealed record NextDoseAnswer(int DoseNumber, string VaccineType, DateOnly EarliestDate, DateOnly LatestDate, bool Booked);
public sealed record AppointmentAnswer(long BookingId, int DoseNumber, int SiteId, string? SiteName, DateOnly ReserveDate, string? SlotTime, string? EndTime,
    string ReserveStatus, string? Reason, string? VaccineType, DateOnly? InjectDate, DateOnly? CancelDate);
public sealed record SiteAnswer(int SiteId, string Name, string Region, List<string> VaccineTypes, Dictionary<string, string> OpeningHours, int SlotMinutes, List<DateOnly> ClosedDays);
public sealed record SlotAnswer(string SlotTime, string EndTime, int Remaining);
public sealed record AdminSiteAnswer(int SiteId, string Name, string Region, List<string> VaccineTypes, Dictionary<string, string> Hours, int SlotMinutes,
    int FirstDoseCapacity, int SecondDoseCapacity, List<DateOnly> ClosedDays);
public sealed record SiteCountAnswer(int SiteId, string? SiteName, int Total, Dictionary<string, int> ByStatus);
public sealed record HospitalRow(long UserId, long BookingId, string UserName, string MaskedRegNumber, DateOnly ReserveDate, string? VaccineType, string ReserveStatus, DateOnly? InjectDate,
    int SiteId = 0, string? SiteName = null, string? SlotTime = null, int DoseNumber = 0);
public sealed record StockLevel(string VaccineType, int Count, bool Low = false);
public sealed record LedgerRow(long Id, string VaccineType, string Kind, int Change, int CountAfter, long? BookingId);
public sealed record DashboardRow(long BookingId, long UserId, string UserName, string MaskedRegNumber, DateOnly ReserveDate, string ReserveStatus,
    string? Reason, string? VaccineType, DateOnly? InjectDate, DateOnly? CancelDate, int SiteId = 0, string? SiteName = null, string? SlotTime = null, int DoseNumber = 0);
public sealed record DashboardSummary(int Total, Dictionary<string, int> ByStatus, Dictionary<string, int> ByVaccineType,
    List<SiteCountAnswer>? BySite = null, Dictionary<string, int>? ByDose = null);
public sealed record StatusChangeAnswer(long Position, long BookingId, long UserId, int DoseNumber, int SiteId, string? SiteName, string? VaccineType,
    DateOnly ReserveDate, string? SlotTime, string Status, string? Reason, DateTimeOffset RecordedAt);
public sealed record ChangesPage(List<StatusChangeAnswer> Changes, long Last);
public sealed record ConsumerBacklog(string Consumer, bool Enabled, int Backlog, int DeadLetters);
public sealed record OutboxStatus(List<ConsumerBacklog> Consumers);

/// <summary>The schedules of the repository's appsettings.json, as the tests count on them.</summary>
public static class Schedule
{
    /// <summary>How many doses the type takes: Janssen one, the others two.</summary>
    public static int Doses(string vaccineType) => vaccineType == "Janssen" ? 1 : 2;
}

/// <summary>
/// The HTTP API as its clients call it, with the original's routes and field names. Its bookings ask for English
/// (<c>language: en</c>), so the notifications read as the tests do; <see cref="NotificationLanguageTests{TApp}"/>
/// books without it.
/// </summary>
public sealed class Api(HttpClient http)
{
    private const string Language = "en";

    public HttpClient Http => http;

    public Task<HttpResponseMessage> DatesAsync(Citizen c) => http.PostAsJsonAsync("/user/date", c);

    public Task<HttpResponseMessage> ReserveAsync(Citizen c, DateOnly date) =>
        http.PostAsJsonAsync("/user/reserve", new { c.UserName, c.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd"), language = Language });

    /// <summary>A booking of a site's date, in a slot if one is given.</summary>
    public Task<HttpResponseMessage> ReserveAtAsync(Citizen c, int siteId, DateOnly date, string? slotTime = null) =>
        http.PostAsJsonAsync("/user/reserve", new { c.UserName, c.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd"), siteId, slotTime, language = Language });

    public async Task<List<SiteAnswer>> SitesAsync(string? region = null) =>
        (await http.GetFromJsonAsync<List<SiteAnswer>>(region is null ? "/user/sites" : $"/user/sites?region={Uri.EscapeDataString(region)}"))!;

    public async Task<List<AvailableDate>> SiteDatesAsync(int siteId, int doseNumber = 1) =>
        (await http.GetFromJsonAsync<List<AvailableDate>>($"/user/sites/{siteId}/dates" + (doseNumber == 1 ? "" : $"?doseNumber={doseNumber}")))!;

    public async Task<List<SlotAnswer>> SlotsAsync(int siteId, DateOnly date, int doseNumber = 1) =>
        (await http.GetFromJsonAsync<List<SlotAnswer>>($"/user/sites/{siteId}/dates/{date:yyyy-MM-dd}/slots" + (doseNumber == 1 ? "" : $"?doseNumber={doseNumber}")))!;

    public async Task<List<AdminSiteAnswer>> AdminSitesAsync() => (await http.GetFromJsonAsync<List<AdminSiteAnswer>>("/admin/sites"))!;

    public Task<HttpResponseMessage> AddSiteAsync(object site) => http.PostAsJsonAsync("/admin/sites", site);

    public Task<HttpResponseMessage> ChangeSiteAsync(int siteId, object site) => http.PutAsJsonAsync($"/admin/sites/{siteId}", site);

    public Task<HttpResponseMessage> CloseDayAsync(int siteId, DateOnly date, bool? cancelBookings = null) =>
        http.PutAsync($"/admin/sites/{siteId}/closed-days/{date:yyyy-MM-dd}" + (cancelBookings is { } cancel ? $"?cancelBookings={(cancel ? "true" : "false")}" : ""), null);

    public Task<HttpResponseMessage> ReopenDayAsync(int siteId, DateOnly date) => http.DeleteAsync($"/admin/sites/{siteId}/closed-days/{date:yyyy-MM-dd}");

    public Task<HttpResponseMessage> StatusAsync(Citizen c) => http.PostAsJsonAsync("/user/status", c);

    public Task<HttpResponseMessage> CancelAsync(Citizen c) => http.PostAsJsonAsync("/user/cancel", c);

    public Task<HttpResponseMessage> CancelDoseAsync(Citizen c, int doseNumber) => http.PostAsJsonAsync("/user/cancel", new { c.UserName, c.UserRegNumber, doseNumber });

    public Task<HttpResponseMessage> MoveAsync(Citizen c, DateOnly date, string? slotTime = null, int? doseNumber = null) =>
        http.PostAsJsonAsync("/user/move", new { c.UserName, c.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd"), slotTime, doseNumber });

    /// <summary>A second dose on a date of its interval, at the first's site unless another is given.</summary>
    public Task<HttpResponseMessage> ReserveSecondDoseAsync(Citizen c, DateOnly date, int? siteId = null, string? slotTime = null) =>
        http.PostAsJsonAsync("/user/reserve", new { c.UserName, c.UserRegNumber, reserveDate = date.ToString("yyyy-MM-dd"), siteId, slotTime, doseNumber = 2, language = Language });

    public Task<HttpResponseMessage> InjectAsync(long userId) => http.PostAsJsonAsync("/hospital/inject", new { userId });

    public async Task<List<AvailableDate>> AvailableDatesAsync(Citizen c) => (await ReadAsync<List<AvailableDate>>(await DatesAsync(c), HttpStatusCode.OK))!;

    public async Task<BookingAnswer> BookAsync(Citizen c, DateOnly date) => (await ReadAsync<BookingAnswer>(await ReserveAsync(c, date), HttpStatusCode.Created))!;

    public async Task<StatusAnswer> StatusOfAsync(Citizen c) => (await ReadAsync<StatusAnswer>(await StatusAsync(c), HttpStatusCode.OK))!;

    public async Task<List<HospitalRow>> HospitalBookingsAsync(DateOnly date, int? siteId = null) =>
        (await http.GetFromJsonAsync<List<HospitalRow>>($"/hospital/bookings?date={date:yyyy-MM-dd}" + (siteId is { } id ? $"&siteId={id}" : "")))!;

    public async Task<List<StockLevel>> StockAsync() => (await http.GetFromJsonAsync<List<StockLevel>>("/stock"))!;

    public async Task<int> StockOfAsync(string vaccineType) => (await StockAsync()).Single(s => s.VaccineType == vaccineType).Count;

    public async Task<List<LedgerRow>> LedgerAsync(string? vaccineType = null) =>
        (await http.GetFromJsonAsync<List<LedgerRow>>($"/stock/ledger?vaccineType={vaccineType}"))!;

    public async Task<List<DashboardRow>> DashboardAsync() => (await http.GetFromJsonAsync<List<DashboardRow>>("/dashboard/list"))!;

    public async Task<DashboardSummary> SummaryAsync() => (await http.GetFromJsonAsync<DashboardSummary>("/dashboard/summary"))!;

    /// <summary>A page of the booking status changes after a position, as a reader resuming from it asks.</summary>
    public async Task<ChangesPage> ChangesAsync(long? after = null, int? limit = null)
    {
        var query = string.Join("&", new[] { after is { } a ? $"after={a}" : null, limit is { } l ? $"limit={l}" : null }.Where(p => p is not null));
        return (await ReadAsync<ChangesPage>(await http.GetAsync("/dashboard/changes" + (query.Length > 0 ? "?" + query : "")), HttpStatusCode.OK))!;
    }

    /// <summary>Every status change after a position, read a page at a time as a reader catching up does.</summary>
    public async Task<List<StatusChangeAnswer>> AllChangesAsync(long after = 0)
    {
        var all = new List<StatusChangeAnswer>();
        while (true)
        {
            var page = await ChangesAsync(after, 1000);
            if (page.Changes.Count == 0) return all;
            all.AddRange(page.Changes);
            after = page.Last;
        }
    }

    public async Task<OutboxStatus> OutboxAsync() => (await http.GetFromJsonAsync<OutboxStatus>("/admin/outbox"))!;

    /// <summary>Waits until every enabled consumer has drained its backlog.</summary>
    public async Task SettledAsync(TimeSpan? timeout = null)
    {
        try
        {
            await Poll.UntilAsync(async () =>
                (await OutboxAsync()).Consumers.Where(c => c.Enabled).All(c => c.Backlog == 0), "the outbox has drained", timeout);
        }
        catch (TimeoutException stuck)
        {
            // What is left, and why: a drain that never ends is otherwise a bare timeout.
            throw new TimeoutException($"{stuck.Message} The outbox: {await http.GetStringAsync("/admin/outbox")}", stuck);
        }
    }

    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonSerializer.Deserialize<T>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

using System.Net;
using System.Net.Http.Json;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>The original's eleven functional requirements, through the HTTP API, over a real SQLite file.</summary>
public abstract class JourneyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private static readonly string[] VaccineTypes = ["Pfizer", "Moderna", "Janssen", "AstraZeneca"];
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task The_original_example_requests_work_as_written()
    {
        var taeyeon = new Citizen("Taeyeon Kim", "890309-2766876");

        var dates = await _api.AvailableDatesAsync(taeyeon);
        // The first date offered, as the original's client takes it: tomorrow, which FreshDate leaves out for such tests.
        var booked = await _api.BookAsync(taeyeon, dates[0].ReserveDate);

        booked.ReserveStatus.Should().Be("RESERVE");
        var status = await _api.StatusOfAsync(taeyeon);
        status.MaskedRegNumber.Should().Be("890309-2******");
        status.ReserveDate.Should().Be(dates[0].ReserveDate);
    }

    [DatabaseFact]
    public async Task A_citizen_sees_every_date_from_tomorrow_to_the_end_of_the_window_with_its_places_left()
    {
        var dates = await _api.AvailableDatesAsync(Citizen.New());

        dates.Should().HaveCount(30);
        dates[0].ReserveDate.Should().Be(KVaccineApp.Tomorrow, "today (in Seoul) cannot be booked");
        dates[^1].ReserveDate.Should().Be(KVaccineApp.Tomorrow.AddDays(29));
        // No test books the window's last day (FreshDate leaves it out), so all its places are left.
        dates[^1].Remaining.Should().Be(app.DailyCapacity);
    }

    [DatabaseFact]
    public async Task A_booked_date_has_one_place_less()
    {
        var date = app.FreshDate();
        var before = (await _api.AvailableDatesAsync(Citizen.New())).Single(d => d.ReserveDate == date).Remaining;

        await _api.BookAsync(Citizen.New(), date);

        (await _api.AvailableDatesAsync(Citizen.New())).Single(d => d.ReserveDate == date).Remaining.Should().Be(before - 1);
    }

    [DatabaseFact]
    public async Task A_booking_reaches_the_hospital_which_assigns_a_configured_vaccine_and_the_stock_holds_a_dose_for_each_appointment()
    {
        var citizen = Citizen.New("Jieun Lee");
        var date = app.FreshDate();
        await _api.SettledAsync(); // no other test's booking takes a dose meanwhile
        var stockBefore = await _api.StockAsync();

        var booked = await _api.BookAsync(citizen, date);
        booked.ReserveStatus.Should().Be("RESERVE");
        await _api.SettledAsync();

        var row = (await _api.HospitalBookingsAsync(date)).Should().ContainSingle(r => r.UserId == booked.UserId).Subject;
        row.UserName.Should().Be("Jieun Lee");
        row.MaskedRegNumber.Should().EndWith("******");
        row.VaccineType.Should().BeOneOf(VaccineTypes);
        // A two-dose vaccine's second appointment is booked with it, and holds its own dose.
        var doses = Schedule.Doses(row.VaccineType!);
        (await _api.StockOfAsync(row.VaccineType!)).Should().Be(stockBefore.Single(s => s.VaccineType == row.VaccineType).Count - doses);
        var status = await _api.StatusOfAsync(citizen);
        status.VaccineType.Should().Be(row.VaccineType);
        status.Appointments.Should().HaveCount(doses).And.OnlyContain(a => a.VaccineType == row.VaccineType && a.ReserveStatus == "RESERVE");
        var ledger = await _api.LedgerAsync(row.VaccineType);
        foreach (var appointment in status.Appointments!)
            ledger.Should().ContainSingle(l => l.BookingId == appointment.BookingId).Which.Should().BeEquivalentTo(new { Kind = "TAKEN", Change = -1 });
    }

    [DatabaseFact]
    public async Task A_cancellation_frees_the_place_reaches_the_hospital_and_puts_the_dose_back()
    {
        var citizen = Citizen.New();
        var date = app.FreshDate();
        var booked = await _api.BookAsync(citizen, date);
        await _api.SettledAsync();
        var vaccine = (await _api.StatusOfAsync(citizen)).VaccineType!;
        var held = await _api.StockOfAsync(vaccine);
        var remaining = (await _api.AvailableDatesAsync(citizen)).Single(d => d.ReserveDate == date).Remaining;

        var cancelled = await Api.ReadAsync<BookingAnswer>(await _api.CancelAsync(citizen), HttpStatusCode.OK);
        cancelled!.ReserveStatus.Should().Be("CANCEL");
        await _api.SettledAsync();

        (await _api.HospitalBookingsAsync(date)).Single(r => r.UserId == booked.UserId).ReserveStatus.Should().Be("CANCEL");
        // Cancelling the first dose cancels the second booked with it: both doses come back.
        (await _api.StockOfAsync(vaccine)).Should().Be(held + Schedule.Doses(vaccine));
        var bookingId = (await _api.HospitalBookingsAsync(date)).Single(r => r.UserId == booked.UserId).BookingId;
        (await _api.LedgerAsync(vaccine)).Where(l => l.BookingId == bookingId).Select(l => l.Kind).Should().Equal("RETURNED", "TAKEN");
        (await _api.AvailableDatesAsync(citizen)).Single(d => d.ReserveDate == date).Remaining.Should().Be(remaining + 1);
        var status = await _api.StatusOfAsync(citizen);
        status.ReserveStatus.Should().Be("CANCEL");
        status.CancelDate.Should().Be(DateOnly.FromDateTime(KVaccineApp.Start.ToOffset(TimeSpan.FromHours(9)).DateTime));
        status.Appointments.Should().HaveCount(Schedule.Doses(vaccine)).And.OnlyContain(a => a.ReserveStatus == "CANCEL");
    }

    [DatabaseFact]
    public async Task Every_change_of_status_notifies_the_citizen_newest_first()
    {
        var citizen = Citizen.New("Minji Park");
        await _api.BookAsync(citizen, app.FreshDate());
        await _api.SettledAsync();
        var vaccine = (await _api.StatusOfAsync(citizen)).VaccineType!;
        (await _api.CancelAsync(citizen)).EnsureSuccessStatusCode();

        var notifications = (await _api.StatusOfAsync(citizen)).Notifications;

        if (Schedule.Doses(vaccine) == 1)
        {
            notifications.Select(n => n.ReserveStatus).Should().Equal("CANCEL", "RESERVE", "RESERVE");
        }
        else
        {
            // Newest first: both cancellations, the second dose booked, the vaccine, the first dose booked.
            notifications.Select(n => n.ReserveStatus).Should().Equal("CANCEL", "CANCEL", "RESERVE", "RESERVE", "RESERVE");
            notifications[0].Message.Should().Contain("second dose").And.Contain("cancelled");
            notifications[2].Message.Should().Contain($"second dose of {vaccine} is booked");
            notifications = [notifications[1], notifications[3], notifications[4]];
        }
        notifications[0].Message.Should().Contain("cancelled");
        notifications[1].Message.Should().Contain("vaccine");
        notifications[2].Message.Should().Contain("booked");
        notifications.Should().AllSatisfy(n => n.Message.Should().Contain("Minji Park").And.NotContain("900101"));
    }

    [DatabaseFact]
    public async Task Bookings_racing_for_one_citizen_leave_one_booking_and_the_others_get_409_not_a_server_error()
    {
        var citizen = Citizen.New();
        var date = app.FreshDate();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.ReserveAsync(citizen, date)));

        answers.Count(a => a.IsSuccessStatusCode).Should().Be(1);
        answers.Where(a => !a.IsSuccessStatusCode).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Conflict,
            "a unique index refusing the second booking is a race with another request, not a failing database");
        await _api.SettledAsync();
        (await _api.StatusOfAsync(citizen)).ReserveStatus.Should().Be("RESERVE");
    }

    [DatabaseFact]
    public async Task A_citizen_holds_one_active_booking_and_may_book_again_after_cancelling()
    {
        var citizen = Citizen.New();
        var firstDate = app.FreshDate();
        var secondDate = app.FreshDate();
        await _api.BookAsync(citizen, firstDate);

        var second = await Api.ProblemAsync(await _api.ReserveAsync(citizen, secondDate), HttpStatusCode.Conflict);
        second.GetProperty("detail").GetString().Should().Contain("already hold a booking");

        (await _api.CancelAsync(citizen)).EnsureSuccessStatusCode();
        (await _api.BookAsync(citizen, secondDate)).ReserveStatus.Should().Be("RESERVE");
        (await _api.StatusOfAsync(citizen)).ReserveDate.Should().Be(secondDate);
    }

    [DatabaseFact]
    public async Task A_wrong_name_for_a_known_RRN_answers_exactly_as_an_unknown_citizen()
    {
        var citizen = Citizen.New("Real Name");
        await _api.BookAsync(citizen, app.FreshDate());

        var wrongName = await _api.StatusAsync(citizen with { UserName = "Someone Else" });
        var unknown = await _api.StatusAsync(Citizen.New("Someone Else"));

        wrongName.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var a = await Api.ProblemAsync(wrongName, HttpStatusCode.NotFound);
        var b = await Api.ProblemAsync(unknown, HttpStatusCode.NotFound);
        a.GetProperty("title").GetString().Should().Be(b.GetProperty("title").GetString());
        a.GetProperty("detail").GetString().Should().Be(b.GetProperty("detail").GetString());
        (await _api.CancelAsync(citizen with { UserName = "Someone Else" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.StatusAsync(citizen with { UserName = "  real   NAME " })).StatusCode.Should().Be(HttpStatusCode.OK, "case and spacing do not matter");
    }

    [DatabaseFact]
    public async Task Cancelling_without_an_active_booking_is_a_conflict()
    {
        var citizen = Citizen.New();
        await _api.BookAsync(citizen, app.FreshDate());
        (await _api.CancelAsync(citizen)).EnsureSuccessStatusCode();

        var again = await Api.ProblemAsync(await _api.CancelAsync(citizen), HttpStatusCode.Conflict);

        again.GetProperty("detail").GetString().Should().Contain("no booking");
    }

    [DatabaseTheory]
    [InlineData(-1)]  // today
    [InlineData(-30)] // the past
    [InlineData(30)]  // past the window
    public async Task A_date_outside_the_window_is_refused_naming_the_field_and_nothing_is_booked(int daysFromTomorrow)
    {
        var citizen = Citizen.New();

        var problem = await Api.ProblemAsync(await _api.ReserveAsync(citizen, KVaccineApp.Tomorrow.AddDays(daysFromTomorrow)), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("reserveDate")[0].GetString().Should().Contain("2026-11-26").And.Contain("2026-12-25");
        (await _api.StatusAsync(citizen)).StatusCode.Should().Be(HttpStatusCode.NotFound, "no citizen or booking was written");
    }

    [DatabaseFact]
    public async Task The_dashboard_shows_each_booking_and_counts_by_status_and_vaccine_type()
    {
        var citizen = Citizen.New("Dashboard Person");
        var booked = await _api.BookAsync(citizen, app.FreshDate());
        await _api.SettledAsync();

        var row = (await _api.DashboardAsync()).Single(r => r.BookingId == booked.BookingId);
        row.ReserveStatus.Should().Be("RESERVE");
        row.MaskedRegNumber.Should().EndWith("******");
        row.VaccineType.Should().BeOneOf(VaccineTypes);
        var byType = await _api.Http.GetFromJsonAsync<List<DashboardRow>>($"/dashboard/list/{row.VaccineType}");
        byType.Should().Contain(r => r.BookingId == row.BookingId).And.OnlyContain(r => r.VaccineType == row.VaccineType);
        var summary = await _api.SummaryAsync();
        summary.ByStatus["RESERVE"].Should().BeGreaterThan(0);
        summary.Total.Should().Be((await _api.DashboardAsync()).Count);
        summary.ByVaccineType.Values.Sum().Should().Be((await _api.DashboardAsync()).Count(r => r.VaccineType is not null));
    }

    [DatabaseFact]
    public async Task The_dashboard_list_is_paged_by_booking_with_a_link_to_the_next_page_and_answers_whole_without_paging()
    {
        foreach (var _ in Enumerable.Range(0, 3)) await _api.BookAsync(Citizen.New(), app.FreshDate());
        await _api.SettledAsync();
        var whole = await _api.DashboardAsync();

        var paged = new List<DashboardRow>();
        var next = "/dashboard/list?limit=2";
        var pages = 0;
        while (next is not null)
        {
            var response = await _api.Http.GetAsync(next);
            paged.AddRange((await Api.ReadAsync<List<DashboardRow>>(response, HttpStatusCode.OK))!);
            pages++;
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
        }

        paged.Select(r => r.BookingId).Should().Equal(whole.Select(r => r.BookingId), "the pages hold every booking once, in order");
        pages.Should().Be((whole.Count + 1) / 2);
        var last = whole[^1].BookingId;
        (await Api.ReadAsync<List<DashboardRow>>(await _api.Http.GetAsync($"/dashboard/list?after={last}&limit=5"), HttpStatusCode.OK)).Should().BeEmpty();
        var type = whole[0].VaccineType ?? "Pfizer";
        var ofType = await Api.ReadAsync<List<DashboardRow>>(await _api.Http.GetAsync($"/dashboard/list/{type}?limit=1"), HttpStatusCode.OK);
        ofType.Should().ContainSingle().Which.VaccineType.Should().Be(type);
        var tooMany = await Api.ProblemAsync(await _api.Http.GetAsync("/dashboard/list?limit=1001"), HttpStatusCode.BadRequest);
        tooMany.GetProperty("errors").GetProperty("limit")[0].GetString().Should().Contain("from 1 to 1000");
        await Api.ProblemAsync(await _api.Http.GetAsync("/dashboard/list?after=-1&limit=2"), HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Doses_received_are_added_to_the_count_and_the_ledger()
    {
        await _api.SettledAsync(); // no other test's booking takes a dose meanwhile
        var before = await _api.StockOfAsync("Moderna");

        (await _api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "Moderna", quantity = 10 })).EnsureSuccessStatusCode();

        (await _api.StockOfAsync("Moderna")).Should().Be(before + 10);
        (await _api.LedgerAsync("Moderna"))[0].Should().BeEquivalentTo(new { Kind = "RECEIVED", Change = 10, CountAfter = before + 10 });
        var unknown = await Api.ProblemAsync(await _api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "Sputnik", quantity = 10 }), HttpStatusCode.BadRequest);
        unknown.GetProperty("errors").GetProperty("vaccineType")[0].GetString().Should().Contain("Unknown vaccine type");
    }
}

public sealed class JourneyTests(KVaccineApp app) : JourneyTests<KVaccineApp>(app);

public sealed class JourneyTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : JourneyTests<KVaccineAppOnPostgreSql>(app);


using System.Net;
using System.Net.Http.Json;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Sites and slots: citizens find a site, its dates and its slots and book one; the original routes book the default
/// site as before; Admin manages sites without ever losing a booking unawares. Each test adds a site of its own
/// (in a region of its own), so the places it counts are its own.
/// </summary>
public abstract class SiteTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();

    private static readonly string[] Week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>A site open every day from 09:00 to 12:00 in 30-minute slots: six a day.</summary>
    private async Task<AdminSiteAnswer> AddSiteAsync(int firstDoses, int secondDoses = 1, string hours = "09:00-12:00")
    {
        var region = $"Region {Guid.NewGuid():N}"[..20];
        var response = await _api.AddSiteAsync(new
        {
            name = $"Test Site {region[7..]}",
            region,
            vaccineTypes = new[] { "pfizer", "Moderna" },
            hours = Week.ToDictionary(d => d, _ => hours),
            slotMinutes = 30,
            firstDoseCapacity = firstDoses,
            secondDoseCapacity = secondDoses,
        });
        return (await Api.ReadAsync<AdminSiteAnswer>(response, HttpStatusCode.Created))!;
    }

    private static object Definition(AdminSiteAnswer site, int? firstDoses = null, string? hours = null) => new
    {
        name = site.Name,
        region = site.Region,
        vaccineTypes = site.VaccineTypes,
        hours = hours is null ? site.Hours : Week.ToDictionary(d => d, _ => hours),
        slotMinutes = site.SlotMinutes,
        firstDoseCapacity = firstDoses ?? site.FirstDoseCapacity,
        secondDoseCapacity = site.SecondDoseCapacity,
    };

    [DatabaseFact]
    public async Task A_citizen_finds_a_site_by_region_sees_its_dates_and_slots_and_books_a_slot_that_every_module_then_shows()
    {
        var site = await AddSiteAsync(firstDoses: 2);
        var date = app.FreshDate();
        var citizen = Citizen.New("Slot Citizen");

        var found = (await _api.SitesAsync(site.Region.ToUpperInvariant())).Should().ContainSingle().Subject;
        found.Should().BeEquivalentTo(new { site.SiteId, site.Name, SlotMinutes = 30, VaccineTypes = new[] { "Pfizer", "Moderna" } },
            "a region is matched without case, and vaccine types are spelled as the service's list spells them");
        found.OpeningHours.Should().HaveCount(7).And.ContainKey("Monday").WhoseValue.Should().Be("09:00-12:00");
        var dates = await _api.SiteDatesAsync(site.SiteId);
        dates.Should().HaveCount(KVaccineApp.BookingWindowDays).And.OnlyContain(d => d.Remaining == 12, "six slots of two places each");
        var slots = await _api.SlotsAsync(site.SiteId, date);
        slots.Select(s => s.SlotTime).Should().Equal("09:00", "09:30", "10:00", "10:30", "11:00", "11:30");
        slots[3].Should().Be(new SlotAnswer("10:30", "11:00", 2));

        var booked = await Api.ReadAsync<BookingAnswer>(await _api.ReserveAtAsync(citizen, site.SiteId, date, "10:30"), HttpStatusCode.Created);
        booked.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", ReserveDate = date, site.SiteId, SiteName = site.Name, SlotTime = "10:30", EndTime = "11:00", DoseNumber = 1 });
        await _api.SettledAsync();

        (await _api.SlotsAsync(site.SiteId, date)).Single(s => s.SlotTime == "10:30").Remaining.Should().Be(1);
        (await _api.SiteDatesAsync(site.SiteId)).Single(d => d.ReserveDate == date).Remaining.Should().Be(11);
        var status = await _api.StatusOfAsync(citizen);
        status.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", ReserveDate = date, site.SiteId, SiteName = site.Name, SlotTime = "10:30", EndTime = "11:00", DoseNumber = 1 });
        status.Appointments.Should().HaveCount(2);
        status.Appointments![0].Should().BeEquivalentTo(new { site.SiteId, SlotTime = "10:30", DoseNumber = 1, ReserveStatus = "RESERVE", status.VaccineType });
        // The site gives two-dose vaccines only: the second is booked with the first, on the desired day (42 days on), in its first slot.
        status.Appointments[1].Should().BeEquivalentTo(new { site.SiteId, SiteName = site.Name, ReserveDate = date.AddDays(42), SlotTime = "09:00", DoseNumber = 2, ReserveStatus = "RESERVE", status.VaccineType });
        status.Notifications.Should().Contain(n => n.Message.Contains($"second dose of {status.VaccineType} is booked: {site.Name}, {date.AddDays(42):yyyy-MM-dd} 09:00"));
        status.Notifications.Should().Contain(n => n.Message.Contains($"{site.Name}, {date:yyyy-MM-dd} 10:30"), "a notification names the site and the time");
        var row = (await _api.HospitalBookingsAsync(date, site.SiteId)).Should().ContainSingle().Subject;
        row.Should().BeEquivalentTo(new { site.SiteId, SiteName = site.Name, SlotTime = "10:30", DoseNumber = 1, UserName = "Slot Citizen" });
        (await _api.DashboardAsync()).Where(r => r.UserId == status.UserId).Select(r => new { r.SiteId, r.SlotTime, r.DoseNumber })
            .Should().BeEquivalentTo([new { site.SiteId, SlotTime = (string?)"10:30", DoseNumber = 1 }, new { site.SiteId, SlotTime = (string?)"09:00", DoseNumber = 2 }]);
        (await _api.SlotsAsync(site.SiteId, date.AddDays(42), doseNumber: 2)).Single(s => s.SlotTime == "09:00").Remaining.Should().Be(0, "the slot's one place for a second dose is this citizen's");
        var summary = await _api.SummaryAsync();
        summary.BySite.Should().ContainSingle(s => s.SiteId == site.SiteId).Which.Should().BeEquivalentTo(new { SiteName = site.Name, Total = 2 });
        (summary.ByDose!["1"] + summary.ByDose["2"]).Should().Be(summary.Total);
    }

    [DatabaseFact]
    public async Task The_original_routes_sum_the_default_site_s_slots_and_book_the_first_slot_of_the_date_with_a_place()
    {
        var date = app.FreshDate();
        var defaultSite = (await _api.AdminSitesAsync()).Should().Contain(s => s.SiteId == 1).Subject;
        var firstSlot = (await _api.SlotsAsync(1, date))[0];
        for (var i = 0; i < defaultSite.FirstDoseCapacity; i++)
            (await _api.ReserveAtAsync(Citizen.New(), 1, date, firstSlot.SlotTime)).StatusCode.Should().Be(HttpStatusCode.Created);

        var booked = await _api.BookAsync(Citizen.New(), date);

        booked.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", ReserveDate = date, SiteId = 1, SiteName = defaultSite.Name, SlotTime = (await _api.SlotsAsync(1, date))[1].SlotTime });
        (await _api.AvailableDatesAsync(Citizen.New())).Single(d => d.ReserveDate == date).Remaining
            .Should().Be(app.DailyCapacity - defaultSite.FirstDoseCapacity - 1, "the original's dates sum the places left over the default site's slots");
        (await _api.SlotsAsync(1, date))[0].Remaining.Should().Be(0);
    }

    [DatabaseFact]
    public async Task Of_many_citizens_racing_for_a_slot_exactly_its_capacity_get_a_place_and_the_others_are_told_it_is_full()
    {
        var site = await AddSiteAsync(firstDoses: 3);
        var date = app.FreshDate();
        var citizens = Enumerable.Range(0, 20).Select(_ => Citizen.New()).ToList();

        var answers = await Task.WhenAll(citizens.Select(c => _api.ReserveAtAsync(c, site.SiteId, date, "09:30")));
        answers.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Accepted);
        await _api.SettledAsync();

        var statuses = await Task.WhenAll(citizens.Select(_api.StatusOfAsync));
        statuses.Count(s => s.ReserveStatus == "RESERVE").Should().Be(3);
        statuses.Where(s => s.ReserveStatus != "RESERVE").Should().OnlyContain(s => s.ReserveStatus == "REJECT" && s.Reason == "SLOT_FULL");
        statuses.First(s => s.ReserveStatus == "REJECT").Notifications[0].Message.Should().Contain("the slot is fully booked");
        var slots = await _api.SlotsAsync(site.SiteId, date);
        slots.Single(s => s.SlotTime == "09:30").Remaining.Should().Be(0);
        slots.Where(s => s.SlotTime != "09:30").Should().OnlyContain(s => s.Remaining == 3, "the race took nothing from the other slots");
        (await _api.HospitalBookingsAsync(date, site.SiteId)).Should().HaveCount(3);
    }

    [DatabaseFact]
    public async Task A_booking_of_a_site_date_or_slot_that_does_not_exist_is_refused_naming_the_field_and_nothing_is_written()
    {
        var site = await AddSiteAsync(firstDoses: 2);
        var mondaysOnly = (await Api.ReadAsync<AdminSiteAnswer>(await _api.AddSiteAsync(new
        {
            name = "Mondays Only", region = "Mondays", vaccineTypes = new[] { "Pfizer" }, hours = new Dictionary<string, string> { ["Monday"] = "09:00-10:00" },
            slotMinutes = 30, firstDoseCapacity = 1, secondDoseCapacity = 1,
        }), HttpStatusCode.Created))!;
        var date = app.FreshDate();
        var notMonday = date.DayOfWeek == DayOfWeek.Monday ? date.AddDays(1) : date;
        var rowsBefore = await app.CountRowsAsync();

        async Task<string> Refused(HttpResponseMessage response, string field)
        {
            var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
            return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        }

        (await Refused(await _api.ReserveAtAsync(Citizen.New(), 999, date), "siteId")).Should().Contain("no site 999");
        (await Refused(await _api.ReserveAtAsync(Citizen.New(), 0, date), "siteId")).Should().Contain("id of a site");
        (await Refused(await _api.ReserveAtAsync(Citizen.New(), site.SiteId, date, "10:15"), "slotTime")).Should().Contain("no slot at 10:15").And.Contain("09:00, 09:30, 10:00");
        (await Refused(await _api.ReserveAtAsync(Citizen.New(), site.SiteId, date, "9am"), "slotTime")).Should().Contain("HH:mm");
        (await Refused(await _api.ReserveAtAsync(Citizen.New(), mondaysOnly.SiteId, notMonday), "reserveDate")).Should().Contain("is not open on");
        (await _api.Http.GetAsync("/user/sites/999/dates")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Refused(await _api.Http.GetAsync($"/user/sites/{site.SiteId}/dates/2026-13-01/slots"), "date")).Should().Contain("YYYY-MM-DD");
        (await Refused(await _api.Http.GetAsync($"/user/sites/{site.SiteId}/dates?doseNumber=3"), "doseNumber")).Should().Contain("1 or 2");

        (await app.CountRowsAsync()).Should().Be(rowsBefore);
    }

    [DatabaseFact]
    public async Task A_site_s_places_cannot_go_below_what_a_slot_has_booked_and_a_raise_reaches_every_slot_to_come()
    {
        var site = await AddSiteAsync(firstDoses: 2);
        var date = app.FreshDate();
        await _api.BookAsync(Citizen.New(), date); // the default site: not this one's
        foreach (var citizen in new[] { Citizen.New(), Citizen.New() })
            (await _api.ReserveAtAsync(citizen, site.SiteId, date, "09:00")).StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await Api.ProblemAsync(await _api.ChangeSiteAsync(site.SiteId, Definition(site, firstDoses: 1)), HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString().Should().Contain($"{date:yyyy-MM-dd} 09:00 has 2 first-dose");
        (await _api.AdminSitesAsync()).Single(s => s.SiteId == site.SiteId).FirstDoseCapacity.Should().Be(2, "a refused change changes nothing");

        (await _api.ChangeSiteAsync(site.SiteId, Definition(site, firstDoses: 5))).StatusCode.Should().Be(HttpStatusCode.OK);
        var slots = await _api.SlotsAsync(site.SiteId, date);
        slots[0].Remaining.Should().Be(3, "the slot booked twice now has five places");
        slots.Skip(1).Should().OnlyContain(s => s.Remaining == 5);
        (await _api.SiteDatesAsync(site.SiteId)).Single(d => d.ReserveDate == date.AddDays(1)).Remaining.Should().Be(30);
    }

    [DatabaseFact]
    public async Task A_change_of_hours_that_would_leave_a_booking_without_its_slot_is_refused_and_one_that_keeps_every_booking_applies()
    {
        var site = await AddSiteAsync(firstDoses: 2);
        var date = app.FreshDate();
        (await _api.ReserveAtAsync(Citizen.New(), site.SiteId, date, "11:30")).StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await Api.ProblemAsync(await _api.ChangeSiteAsync(site.SiteId, Definition(site, hours: "09:00-11:00")), HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString().Should().Contain($"{date:yyyy-MM-dd} 11:30 holds 1 booking");

        (await _api.ChangeSiteAsync(site.SiteId, Definition(site, hours: "09:00-12:00,13:00-14:00"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var slots = await _api.SlotsAsync(site.SiteId, date);
        slots.Select(s => s.SlotTime).Should().Equal("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:30");
        slots.Single(s => s.SlotTime == "11:30").Remaining.Should().Be(1);
    }

    [DatabaseFact]
    public async Task A_day_with_bookings_closes_only_when_asked_to_cancel_them_then_every_citizen_is_told_and_places_and_doses_come_back()
    {
        var site = await AddSiteAsync(firstDoses: 2);
        var date = app.FreshDate();
        var citizens = new[] { Citizen.New("Closed Day One"), Citizen.New("Closed Day Two") };
        foreach (var citizen in citizens)
            (await _api.ReserveAtAsync(citizen, site.SiteId, date, "10:00")).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        var stockBefore = (await _api.StockAsync()).Sum(s => s.Count);

        var refused = await Api.ProblemAsync(await _api.CloseDayAsync(site.SiteId, date), HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString().Should().Contain($"holds 2 booking(s) on {date:yyyy-MM-dd}").And.Contain("cancelBookings=true");
        (await _api.SiteDatesAsync(site.SiteId)).Should().Contain(d => d.ReserveDate == date, "a refused closing changes nothing");

        var closed = await Api.ReadAsync<AdminSiteAnswer>(await _api.CloseDayAsync(site.SiteId, date, cancelBookings: true), HttpStatusCode.OK);
        closed!.ClosedDays.Should().Equal(date);
        await _api.SettledAsync();

        foreach (var citizen in citizens)
        {
            var status = await _api.StatusOfAsync(citizen);
            status.Should().BeEquivalentTo(new { ReserveStatus = "CANCEL", Reason = "SITE_CLOSED" });
            status.Notifications[1].Message.Should().Contain($"the site is closed on {date:yyyy-MM-dd}").And.Contain(site.Name);
            // Its second dose was booked from the first's day: it goes with it.
            status.Appointments!.Single(a => a.DoseNumber == 2).ReserveStatus.Should().Be("CANCEL");
            status.Notifications[0].Message.Should().Contain("second dose").And.Contain("cancelled with your first");
        }
        (await _api.StockAsync()).Sum(s => s.Count).Should().Be(stockBefore + 4, "each cancelled booking gives its dose back, and its second dose's");
        (await _api.SiteDatesAsync(site.SiteId)).Should().NotContain(d => d.ReserveDate == date);
        (await _api.SlotsAsync(site.SiteId, date)).Should().BeEmpty();
        (await _api.SitesAsync(site.Region)).Single().ClosedDays.Should().Equal(date);
        var tooLate = await Api.ProblemAsync(await _api.ReserveAtAsync(Citizen.New(), site.SiteId, date), HttpStatusCode.BadRequest);
        tooLate.GetProperty("errors").GetProperty("reserveDate")[0].GetString().Should().Contain("is not open on");

        (await _api.ReopenDayAsync(site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _api.SiteDatesAsync(site.SiteId)).Single(d => d.ReserveDate == date).Remaining.Should().Be(12, "reopened, the day has all its places");
    }

    [DatabaseFact]
    public async Task A_day_without_bookings_closes_at_once_and_leaves_the_listing()
    {
        var site = await AddSiteAsync(firstDoses: 2);
        var date = app.FreshDate();

        (await _api.CloseDayAsync(site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _api.SiteDatesAsync(site.SiteId)).Should().NotContain(d => d.ReserveDate == date).And.HaveCount(KVaccineApp.BookingWindowDays - 1);
        (await Api.ProblemAsync(await _api.CloseDayAsync(site.SiteId, new DateOnly(2026, 11, 1)), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("date")[0].GetString().Should().Contain("already past");
    }
}

public sealed class SiteTests(KVaccineApp app) : SiteTests<KVaccineApp>(app);

public sealed class SiteTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : SiteTests<KVaccineAppOnPostgreSql>(app);

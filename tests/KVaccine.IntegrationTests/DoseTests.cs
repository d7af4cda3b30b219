using System.Net;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Doses: a two-dose vaccine's second appointment is booked with the first, at its site, for its product, nearest the
/// desired day of its interval; it is given on its day, cancelled alone or with the first, booked again within the
/// interval; a one-dose vaccine books one; a citizen too young for a site's vaccines is told before booking. Each
/// test adds a site of its own, so the places it counts are its own.
/// </summary>
public abstract class DoseTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private static readonly string[] Week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private readonly Api _api = app.CreateApi();

    /// <summary>A site open every day from 09:00 to 10:00 in 30-minute slots.</summary>
    private static async Task<AdminSiteAnswer> AddSiteAsync(Api api, string[] vaccineTypes, int firstDoses = 2, int secondDoses = 2, string hours = "09:00-10:00")
    {
        var region = $"Region {Guid.NewGuid():N}"[..20];
        var response = await api.AddSiteAsync(new
        {
            name = $"Dose Site {region[7..]}", region, vaccineTypes, hours = Week.ToDictionary(d => d, _ => hours),
            slotMinutes = 30, firstDoseCapacity = firstDoses, secondDoseCapacity = secondDoses,
        });
        return (await Api.ReadAsync<AdminSiteAnswer>(response, HttpStatusCode.Created))!;
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response) =>
        (await Api.ProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!;

    [DatabaseFact]
    public async Task Both_doses_are_booked_at_one_site_given_on_their_days_and_then_the_citizen_is_fully_vaccinated()
    {
        // A host of its own: the clock moves on to each dose's day.
        await using var own = new TApp();
        var api = own.CreateApi();
        var site = await AddSiteAsync(api, ["Pfizer"]);
        var citizen = Citizen.New("Two Doses");
        var stockBefore = await api.StockOfAsync("Pfizer");
        var first = KVaccineApp.Tomorrow;

        (await Api.ReadAsync<BookingAnswer>(await api.ReserveAtAsync(citizen, site.SiteId, first, "09:30"), HttpStatusCode.Created))!.ReserveStatus.Should().Be("RESERVE");
        await api.SettledAsync();

        var status = await api.StatusOfAsync(citizen);
        status.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", DoseNumber = 1, ReserveDate = first, VaccineType = "Pfizer" }, "the original's fields show the next dose");
        status.SecondDose.Should().BeEquivalentTo(new
        {
            site.SiteId, SiteName = site.Name, ReserveDate = first.AddDays(42), SlotTime = "09:00", EndTime = "09:30", ReserveStatus = "RESERVE", VaccineType = "Pfizer",
        }, "Pfizer's desired interval is 42 days, and the day's first slot has a place");
        status.NextDose.Should().Be(new NextDoseAnswer(2, "Pfizer", first.AddDays(21), first.AddDays(42), Booked: true));
        status.Notifications[0].Message.Should().Be($"Two Doses, your second dose of Pfizer is booked: {site.Name}, {first.AddDays(42):yyyy-MM-dd} 09:00.");
        (await api.StockOfAsync("Pfizer")).Should().Be(stockBefore - 2, "Stock holds a dose for each appointment");
        (await api.SiteDatesAsync(site.SiteId, doseNumber: 2)).Single(d => d.ReserveDate == first.AddDays(42)).Remaining.Should().Be(3, "two slots of two places, one taken");

        own.Clock.Advance(TimeSpan.FromDays(1));
        (await api.InjectAsync(status.UserId)).StatusCode.Should().Be(HttpStatusCode.OK);
        await api.SettledAsync();
        status = await api.StatusOfAsync(citizen);
        status.FirstDose.ReserveStatus.Should().Be("INJECT");
        status.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", DoseNumber = 2, ReserveDate = first.AddDays(42) });
        (await api.InjectAsync(status.UserId)).StatusCode.Should().Be(HttpStatusCode.Conflict, "the second dose is given on its own day");

        own.Clock.Advance(TimeSpan.FromDays(42));
        (await api.InjectAsync(status.UserId)).StatusCode.Should().Be(HttpStatusCode.OK);
        await api.SettledAsync();

        status = await api.StatusOfAsync(citizen);
        status.Should().BeEquivalentTo(new { ReserveStatus = "INJECT", DoseNumber = 2, InjectDate = (DateOnly?)first.AddDays(42), VaccineType = "Pfizer" });
        status.Appointments.Should().OnlyContain(a => a.ReserveStatus == "INJECT").And.HaveCount(2);
        status.NextDose.Should().BeNull();
        (await api.DashboardAsync()).Where(r => r.UserId == status.UserId).Should().HaveCount(2).And.OnlyContain(r => r.ReserveStatus == "INJECT");
        (await api.StockOfAsync("Pfizer")).Should().Be(stockBefore - 2);
        (await RefusalAsync(await api.ReserveAtAsync(citizen, site.SiteId, own.FreshDate()))).Should().Contain("already been vaccinated");
        (await RefusalAsync(await api.ReserveSecondDoseAsync(citizen, own.FreshDate()))).Should().Contain("already been vaccinated");
    }

    [DatabaseFact]
    public async Task A_second_dose_is_not_given_to_a_citizen_whose_first_was_not()
    {
        // A host of its own: the clock moves on to the second dose's day.
        await using var own = new TApp();
        var api = own.CreateApi();
        var site = await AddSiteAsync(api, ["Moderna"]);
        var citizen = Citizen.New("Missed First");
        var booked = await Api.ReadAsync<BookingAnswer>(await api.ReserveAtAsync(citizen, site.SiteId, KVaccineApp.Tomorrow), HttpStatusCode.Created);
        await api.SettledAsync();

        own.Clock.Advance(TimeSpan.FromDays(43));
        var refused = await Api.ProblemAsync(await api.InjectAsync(booked!.UserId), HttpStatusCode.Conflict);

        refused.GetProperty("detail").GetString().Should().Contain("first dose has not been given");
        await api.SettledAsync();
        (await api.StatusOfAsync(citizen)).SecondDose!.ReserveStatus.Should().Be("RESERVE");
    }

    [DatabaseFact]
    public async Task A_second_dose_is_cancelled_alone_and_booked_again_within_its_interval_at_the_first_s_site()
    {
        var site = await AddSiteAsync(_api, ["Moderna"]);
        var other = await AddSiteAsync(_api, ["Moderna"]);
        var citizen = Citizen.New("Rebook Second");
        var date = app.FreshDate();
        (await _api.ReserveAtAsync(citizen, site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        var stock = await _api.StockOfAsync("Moderna");

        var cancelled = await Api.ReadAsync<BookingAnswer>(await _api.CancelDoseAsync(citizen, 2), HttpStatusCode.OK);
        cancelled!.Should().BeEquivalentTo(new { ReserveStatus = "CANCEL", DoseNumber = 2 });
        await _api.SettledAsync();
        var status = await _api.StatusOfAsync(citizen);
        status.FirstDose.ReserveStatus.Should().Be("RESERVE", "the first dose stands");
        status.NextDose.Should().Be(new NextDoseAnswer(2, "Moderna", date.AddDays(28), date.AddDays(42), Booked: false));
        (await _api.StockOfAsync("Moderna")).Should().Be(stock + 1, "the second dose's dose went back");
        (await RefusalAsync(await _api.CancelDoseAsync(citizen, 2))).Should().Contain("no booking to cancel");

        (await RefusalAsync(await _api.ReserveSecondDoseAsync(citizen, date.AddDays(27)))).Should().Contain($"from {date.AddDays(28):yyyy-MM-dd} to {date.AddDays(42):yyyy-MM-dd}");
        (await RefusalAsync(await _api.ReserveSecondDoseAsync(citizen, date.AddDays(30), other.SiteId))).Should().Contain($"where the first was: site {site.SiteId}");
        var slotsBefore = await _api.SlotsAsync(site.SiteId, date.AddDays(30), doseNumber: 2);
        var rebooked = await Api.ReadAsync<BookingAnswer>(await _api.ReserveSecondDoseAsync(citizen, date.AddDays(30), slotTime: "09:30"), HttpStatusCode.Created);
        rebooked!.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", DoseNumber = 2, ReserveDate = date.AddDays(30), SlotTime = "09:30", site.SiteId });
        await _api.SettledAsync();
        (await _api.SlotsAsync(site.SiteId, date.AddDays(30), doseNumber: 2)).Single(s => s.SlotTime == "09:30").Remaining
            .Should().Be(slotsBefore.Single(s => s.SlotTime == "09:30").Remaining - 1);
        (await _api.StatusOfAsync(citizen)).SecondDose!.VaccineType.Should().Be("Moderna", "a second dose is the first's product");
        (await _api.StockOfAsync("Moderna")).Should().Be(stock);

        // Cancelling without a dose number cancels the first, and with it the second.
        (await _api.CancelAsync(citizen)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _api.SettledAsync();
        (await _api.StatusOfAsync(citizen)).Appointments.Where(a => a.BookingId != cancelled.BookingId).Select(a => a.ReserveStatus).Should().Equal("CANCEL", "CANCEL");
        (await _api.StockOfAsync("Moderna")).Should().Be(stock + 2);
    }

    [DatabaseFact]
    public async Task A_second_dose_takes_the_day_nearest_the_desired_one_with_a_place_and_without_one_the_citizen_is_told()
    {
        // One slot a day, one place for a second dose: the first citizen's second dose takes day 42, the next one's day 41.
        var site = await AddSiteAsync(_api, ["Pfizer"], firstDoses: 3, secondDoses: 1, hours: "09:00-09:30");
        var date = app.FreshDate();
        var citizens = new[] { Citizen.New("Nearest One"), Citizen.New("Nearest Two") };
        foreach (var citizen in citizens)
        {
            (await _api.ReserveAtAsync(citizen, site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.Created);
            await _api.SettledAsync();
        }
        (await _api.StatusOfAsync(citizens[0])).SecondDose!.ReserveDate.Should().Be(date.AddDays(42));
        (await _api.StatusOfAsync(citizens[1])).SecondDose!.ReserveDate.Should().Be(date.AddDays(41), "of the days nearest the desired one, the first with a place");

        var full = await AddSiteAsync(_api, ["Pfizer"], secondDoses: 0);
        var unlucky = Citizen.New("No Second Place");
        (await _api.ReserveAtAsync(unlucky, full.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        var status = await _api.StatusOfAsync(unlucky);
        status.FirstDose.ReserveStatus.Should().Be("RESERVE", "the first dose stands");
        status.SecondDose.Should().BeEquivalentTo(new { ReserveStatus = "REJECT", Reason = "NO_PLACE_IN_INTERVAL", VaccineType = "Pfizer" });
        status.NextDose.Should().Be(new NextDoseAnswer(2, "Pfizer", date.AddDays(21), date.AddDays(42), Booked: false));
        status.Notifications[0].Message.Should().Contain($"{full.Name} has no place for your second dose of Pfizer from {date.AddDays(21):yyyy-MM-dd} to {date.AddDays(42):yyyy-MM-dd}");
    }

    [DatabaseFact]
    public async Task A_second_dose_is_moved_within_its_interval_in_one_step_and_a_move_that_cannot_be_made_leaves_it_where_it_was()
    {
        var site = await AddSiteAsync(_api, ["Pfizer"], firstDoses: 2, secondDoses: 1);
        var date = app.FreshDate();
        var mover = Citizen.New("Mover");
        (await _api.ReserveAtAsync(mover, site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        var stock = await _api.StockOfAsync("Pfizer");
        (await _api.StatusOfAsync(mover)).SecondDose!.Should().BeEquivalentTo(new { ReserveDate = date.AddDays(42), SlotTime = "09:00" });

        var moved = await Api.ReadAsync<BookingAnswer>(await _api.MoveAsync(mover, date.AddDays(30), "09:30"), HttpStatusCode.OK);
        moved!.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", DoseNumber = 2, ReserveDate = date.AddDays(30), SlotTime = "09:30" });
        await _api.SettledAsync();

        (await _api.SlotsAsync(site.SiteId, date.AddDays(30), doseNumber: 2)).Single(s => s.SlotTime == "09:30").Remaining.Should().Be(0, "the new place is taken");
        (await _api.SlotsAsync(site.SiteId, date.AddDays(42), doseNumber: 2)).Single(s => s.SlotTime == "09:00").Remaining.Should().Be(1, "and the old one freed");
        (await _api.HospitalBookingsAsync(date.AddDays(30), site.SiteId)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { DoseNumber = 2, SlotTime = "09:30", ReserveStatus = "RESERVE" });
        (await _api.HospitalBookingsAsync(date.AddDays(42), site.SiteId)).Should().BeEmpty();
        (await _api.StockOfAsync("Pfizer")).Should().Be(stock, "the dose held for it stays held");
        var status = await _api.StatusOfAsync(mover);
        status.Notifications[0].Message.Should().Be($"Mover, your second dose is moved: {site.Name}, {date.AddDays(30):yyyy-MM-dd} 09:30.");

        (await RefusalAsync(await _api.MoveAsync(mover, date.AddDays(43)))).Should().Contain($"from {date.AddDays(21):yyyy-MM-dd} to {date.AddDays(42):yyyy-MM-dd}");
        var firstDose = await Api.ProblemAsync(await _api.MoveAsync(mover, date.AddDays(1), doseNumber: 1), HttpStatusCode.BadRequest);
        firstDose.GetProperty("errors").GetProperty("doseNumber")[0].GetString().Should().Contain("Only a second dose is moved");
        await Api.ProblemAsync(await _api.MoveAsync(Citizen.New(), date.AddDays(30)), HttpStatusCode.NotFound);

        // The place the mover took is the slot's only one: another citizen's move there is refused, and theirs stays where it was.
        var other = Citizen.New("Stays Put");
        (await _api.ReserveAtAsync(other, site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        var before = (await _api.StatusOfAsync(other)).SecondDose!;
        var refused = await RefusalAsync(await _api.MoveAsync(other, date.AddDays(30), "09:30"));
        refused.Should().Contain("could not be moved").And.Contain("the slot is fully booked").And.Contain($"{before.ReserveDate:yyyy-MM-dd} {before.SlotTime}");
        await _api.SettledAsync();
        (await _api.StatusOfAsync(other)).SecondDose.Should().BeEquivalentTo(new { before.ReserveDate, before.SlotTime, ReserveStatus = "RESERVE" });
        (await _api.SlotsAsync(site.SiteId, date.AddDays(30), doseNumber: 2)).Single(s => s.SlotTime == "09:30").Remaining.Should().Be(0);
    }

    [DatabaseFact]
    public async Task A_one_dose_vaccine_books_one_appointment()
    {
        var site = await AddSiteAsync(_api, ["Janssen"]);
        var citizen = Citizen.New("One Dose");

        (await _api.ReserveAtAsync(citizen, site.SiteId, app.FreshDate())).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();

        var status = await _api.StatusOfAsync(citizen);
        status.Appointments.Should().ContainSingle().Which.VaccineType.Should().Be("Janssen");
        status.NextDose.Should().BeNull();
        (await RefusalAsync(await _api.ReserveSecondDoseAsync(citizen, app.FreshDate()))).Should().Contain("Janssen takes one dose");
        (await RefusalAsync(await _api.MoveAsync(citizen, app.FreshDate()))).Should().Contain("no booking of a second dose to move");
    }

    [DatabaseFact]
    public async Task A_citizen_too_young_for_every_vaccine_of_a_site_is_told_before_booking_and_elsewhere_gets_one_for_their_age()
    {
        var site = await AddSiteAsync(_api, ["AstraZeneca", "Janssen"]);
        var date = app.FreshDate();
        // Born 1 January 2000: 26 on the day, and AstraZeneca and Janssen are given from 30.
        var young = new Citizen("Young Citizen", $"000101-3{Random.Shared.Next(100_000, 999_999)}");
        var rowsBefore = await app.CountRowsAsync();

        var refusal = await RefusalAsync(await _api.ReserveAtAsync(young, site.SiteId, date));

        refusal.Should().Contain($"you will be 26 on {date:yyyy-MM-dd}").And.Contain("AstraZeneca from 30").And.Contain("Janssen from 30");
        (await app.CountRowsAsync()).Should().Be(rowsBefore, "nothing is written");

        // At the default site, which gives all four, the hospital picks among those for their age only.
        var youngOnes = Enumerable.Range(0, 6).Select(i => new Citizen($"Young {i}", $"000101-4{Random.Shared.Next(100_000, 999_999)}")).ToList();
        foreach (var c in youngOnes) (await _api.ReserveAsync(c, date)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        foreach (var c in youngOnes) (await _api.StatusOfAsync(c)).VaccineType.Should().BeOneOf("Pfizer", "Moderna");
    }
}

public sealed class DoseTests(KVaccineApp app) : DoseTests<KVaccineApp>(app);

public sealed class DoseTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : DoseTests<KVaccineAppOnPostgreSql>(app);

/// <summary>One Pfizer dose in stock: the first dose takes it, and the second finds none.</summary>
public class OnePfizerApp : KVaccineApp
{
    protected override void Configure(JsonObject settings) => settings["Stock"]!["Initial"]!["Pfizer"] = 1;
}

public sealed class OnePfizerAppOnPostgreSql : OnePfizerApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>The rule for a second dose whose product has run out: it is REJECT OUT_OF_STOCK, its place given back, the first dose stands, the citizen is told to book it again.</summary>
public abstract class SecondDoseOutOfStockTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : OnePfizerApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_second_dose_whose_product_has_run_out_is_rejected_its_place_given_back_and_the_first_stands()
    {
        var region = $"Region {Guid.NewGuid():N}"[..20];
        var site = (await Api.ReadAsync<AdminSiteAnswer>(await _api.AddSiteAsync(new
        {
            name = "Pfizer Only", region, vaccineTypes = new[] { "Pfizer" },
            hours = new Dictionary<string, string> { ["Monday"] = "09:00-10:00", ["Tuesday"] = "09:00-10:00", ["Wednesday"] = "09:00-10:00", ["Thursday"] = "09:00-10:00", ["Friday"] = "09:00-10:00", ["Saturday"] = "09:00-10:00", ["Sunday"] = "09:00-10:00" },
            slotMinutes = 30, firstDoseCapacity = 2, secondDoseCapacity = 2,
        }), HttpStatusCode.Created))!;
        var citizen = Citizen.New("Last Pfizer");
        var date = app.FreshDate();

        (await _api.ReserveAtAsync(citizen, site.SiteId, date)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();

        var status = await _api.StatusOfAsync(citizen);
        status.FirstDose.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", VaccineType = "Pfizer" });
        status.SecondDose.Should().BeEquivalentTo(new { ReserveStatus = "REJECT", Reason = "OUT_OF_STOCK", VaccineType = "Pfizer" });
        status.Notifications[0].Message.Should().Contain("no Pfizer is left for your second dose")
            .And.Contain($"from {date.AddDays(21):yyyy-MM-dd} to {date.AddDays(42):yyyy-MM-dd}");
        (await _api.StockOfAsync("Pfizer")).Should().Be(0);
        (await _api.SlotsAsync(site.SiteId, status.SecondDose!.ReserveDate, doseNumber: 2)).Should().OnlyContain(s => s.Remaining == 2, "its place was given back");
        (await _api.HospitalBookingsAsync(status.SecondDose.ReserveDate, site.SiteId)).Should().ContainSingle().Which.ReserveStatus.Should().Be("REJECT");
    }
}

public sealed class SecondDoseOutOfStockTests(OnePfizerApp app) : SecondDoseOutOfStockTests<OnePfizerApp>(app);

public sealed class SecondDoseOutOfStockTestsOnPostgreSql(OnePfizerAppOnPostgreSql app) : SecondDoseOutOfStockTests<OnePfizerAppOnPostgreSql>(app);

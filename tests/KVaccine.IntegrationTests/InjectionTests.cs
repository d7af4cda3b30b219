using System.Net;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>On the booked day the hospital records the injection, and the citizen's record shows it.</summary>
public abstract class InjectionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    // Far above any user id a test host hands out.
    private const long UnknownUserId = 999_999;

    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task The_injection_is_recorded_on_the_booked_day_and_the_citizen_and_dashboard_show_it()
    {
        // A host of its own: moving its clock to the booked day would move today on for the class's other tests.
        await using var own = new TApp();
        var api = own.CreateApi();
        var citizen = Citizen.New("Seojun Choi");
        // Tomorrow: a day's move of the clock makes it today, the one day an injection is taken.
        var booked = await api.BookAsync(citizen, KVaccineApp.Tomorrow);
        await api.SettledAsync();

        var early = await Api.ProblemAsync(await api.InjectAsync(booked.UserId), HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString().Should().Contain("booked day");

        own.Clock.Advance(TimeSpan.FromDays(1));
        var injected = await api.InjectAsync(booked.UserId);
        injected.StatusCode.Should().Be(HttpStatusCode.OK, await injected.Content.ReadAsStringAsync());
        await api.SettledAsync();

        var status = await api.StatusOfAsync(citizen);
        status.FirstDose.Should().BeEquivalentTo(new { ReserveStatus = "INJECT", InjectDate = (DateOnly?)KVaccineApp.Tomorrow });
        var vaccine = status.FirstDose.VaccineType!;
        status.Notifications.Should().Contain(n => n.ReserveStatus == "INJECT" && n.Message.Contains($"your {vaccine} vaccination on {KVaccineApp.Tomorrow:yyyy-MM-dd}"));
        (await api.DashboardAsync()).Single(r => r.BookingId == booked.BookingId).Should().BeEquivalentTo(new { ReserveStatus = "INJECT", InjectDate = (DateOnly?)KVaccineApp.Tomorrow });
        (await api.HospitalBookingsAsync(KVaccineApp.Tomorrow)).Single(r => r.UserId == booked.UserId).ReserveStatus.Should().Be("INJECT");

        // Once injected: no second injection, no cancellation of that dose, no new first dose.
        (await api.InjectAsync(booked.UserId)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Api.ProblemAsync(await api.CancelDoseAsync(citizen, 1), HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("already been given");
        var again = (await Api.ProblemAsync(await api.ReserveAsync(citizen, own.FreshDate()), HttpStatusCode.Conflict)).GetProperty("detail").GetString();
        if (Schedule.Doses(vaccine) == 1)
        {
            status.ReserveStatus.Should().Be("INJECT");
            status.NextDose.Should().BeNull();
            again.Should().Contain("already been vaccinated");
        }
        else
        {
            // The original's fields show what comes next: the second dose, booked with the first.
            status.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", DoseNumber = 2, VaccineType = vaccine });
            status.NextDose.Should().BeEquivalentTo(new { DoseNumber = 2, VaccineType = vaccine, Booked = true });
            again.Should().Contain("already hold a booking").And.Contain("second dose");
        }
    }

    [DatabaseFact]
    public async Task A_cancelled_or_unknown_booking_cannot_be_injected()
    {
        var citizen = Citizen.New();
        var booked = await _api.BookAsync(citizen, app.FreshDate());
        await _api.SettledAsync();
        (await _api.CancelAsync(citizen)).EnsureSuccessStatusCode();
        await _api.SettledAsync();

        (await Api.ProblemAsync(await _api.InjectAsync(booked.UserId), HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("CANCEL");
        await Api.ProblemAsync(await _api.InjectAsync(UnknownUserId), HttpStatusCode.NotFound);
    }
}

public sealed class InjectionTests(KVaccineApp app) : InjectionTests<KVaccineApp>(app);

public sealed class InjectionTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : InjectionTests<KVaccineAppOnPostgreSql>(app);


using KVaccine.BuildingBlocks.Settings;
using KVaccine.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Tests;

/// <summary>A citizen's second dose: booked from the first once its vaccine is known, on the first's product, site and interval.</summary>
public sealed class SecondDoseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Date = new(2026, 12, 1);
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static (Citizen Citizen, Booking First) FirstDoseOf(string vaccineType)
    {
        var citizen = new Citizen("Taeyeon Kim", "hash", "890309-2******", Now);
        var first = citizen.RequestBooking(new Appointment(2, "Busan Central", Date, new TimeOnly(9, 0)), Schedules.Standard, Now).Booking!;
        first.Accept(Date, new TimeOnly(9, 0), 30, "Busan Central", [vaccineType]);
        first.AssignVaccine(vaccineType);
        return (citizen, first);
    }

    [Fact]
    public void Once_the_first_dose_s_vaccine_is_known_the_second_is_booked_at_its_site_on_its_product_nearest_the_desired_day()
    {
        var (citizen, _) = FirstDoseOf("Pfizer");

        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;

        second.Should().BeEquivalentTo(new
        {
            DoseNumber = 2, SiteId = 2, SiteName = "Busan Central", VaccineType = "Pfizer", Status = BookingStatus.PENDING,
            ReserveDate = Date.AddDays(42), EarliestDate = (DateOnly?)Date.AddDays(21), LatestDate = (DateOnly?)Date.AddDays(42), NearestDate = true,
        });
        citizen.BookSecondDose(Schedules.Standard, Now).Should().BeNull("one second dose is booked at a time");
        citizen.Active.Should().NotBeSameAs(second, "the citizen's current booking is the earliest dose still to come");
    }

    [Fact]
    public void A_one_dose_vaccine_books_no_second_dose()
    {
        var (citizen, first) = FirstDoseOf("Janssen");

        citizen.BookSecondDose(Schedules.Standard, Now).Should().BeNull();
        citizen.SecondDoseRefusal(Schedules.Standard).Should().Contain("Janssen takes one dose");
        first.Inject("Janssen", Date);
        citizen.IsFullyVaccinated(Schedules.Standard).Should().BeTrue();
        citizen.RequestBooking(new Appointment(1, null, Date.AddDays(3), null), Schedules.Standard, Now).Refusal.Should().Contain("already been vaccinated");
    }

    [Fact]
    public void A_booked_second_dose_keeps_its_interval_when_the_schedule_changes()
    {
        var (citizen, _) = FirstDoseOf("AstraZeneca");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        var shortened = new VaccineSchedules
        {
            Types = new(StringComparer.OrdinalIgnoreCase)
            {
                ["AstraZeneca"] = new() { Doses = 2, MinimumIntervalDays = 28, DesiredIntervalDays = 56, MaximumIntervalDays = 84, MinimumAge = 30 },
            },
        };

        second.Interval.Should().Be(new DoseInterval(Date.AddDays(56), Date.AddDays(77), Date.AddDays(84)));
        citizen.SecondDoseInterval(shortened)!.Earliest.Should().Be(Date.AddDays(28), "a new booking follows the new rule");
        second.Interval!.Earliest.Should().Be(Date.AddDays(56), "the booking made keeps the rule it was made with");
    }

    [Fact]
    public void A_second_dose_the_citizen_books_is_at_the_first_s_site_within_the_interval()
    {
        var (citizen, _) = FirstDoseOf("Pfizer");

        citizen.RequestSecondDose(new Appointment(1, "Korean Hospital", Date.AddDays(30), null), Schedules.Standard, Now).Refusal.Should().Contain("where the first was: site 2");
        citizen.RequestSecondDose(new Appointment(2, "Busan Central", Date.AddDays(20), null), Schedules.Standard, Now).Refusal
            .Should().Contain("from 2026-12-22 to 2027-01-12");
        citizen.RequestSecondDose(new Appointment(2, "Busan Central", Date.AddDays(43), null), Schedules.Standard, Now).Booking.Should().BeNull();

        var second = citizen.RequestSecondDose(new Appointment(2, "Busan Central", Date.AddDays(21), new TimeOnly(10, 0)), Schedules.Standard, Now).Booking!;
        second.Should().BeEquivalentTo(new { DoseNumber = 2, ReserveDate = Date.AddDays(21), VaccineType = "Pfizer", NearestDate = false });
        citizen.RequestSecondDose(new Appointment(2, "Busan Central", Date.AddDays(22), null), Schedules.Standard, Now).Refusal.Should().Contain("already hold a booking for your second dose");
    }

    [Fact]
    public void No_second_dose_before_the_first_s_vaccine_is_known()
    {
        var citizen = new Citizen("Taeyeon Kim", "hash", "890309-2******", Now);
        citizen.SecondDoseRefusal(Schedules.Standard).Should().Contain("first dose first");
        var first = citizen.RequestBooking(new Appointment(1, null, Date, null), Schedules.Standard, Now).Booking!;
        first.Accept(Date, new TimeOnly(9, 0), 30, "Korean Hospital", null);

        citizen.RequestSecondDose(new Appointment(1, null, Date.AddDays(30), null), Schedules.Standard, Now).Refusal.Should().Contain("not known yet");
    }

    [Fact]
    public void Cancelling_the_first_dose_cancels_the_second_and_the_second_can_be_cancelled_alone()
    {
        var (citizen, first) = FirstDoseOf("Pfizer");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;

        citizen.ToCancel(2).Bookings.Should().Equal(second);
        citizen.ToCancel(1).Bookings.Should().Equal(first, second);
        citizen.ToCancel(null).Bookings.Should().Equal(first, second);
    }

    [Fact]
    public void After_the_first_dose_is_given_cancelling_cancels_the_second_and_a_new_booking_is_for_the_second()
    {
        var (citizen, first) = FirstDoseOf("Pfizer");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        first.Inject("Pfizer", Date);

        citizen.Current.Should().BeSameAs(second);
        citizen.ToCancel(null).Bookings.Should().Equal(second);
        citizen.ToCancel(1).Refusal.Should().Contain("already been given");
        second.Cancel(Today);
        citizen.RequestBooking(new Appointment(2, null, Date.AddDays(3), null), Schedules.Standard, Now).Refusal
            .Should().Contain("Book your second dose (doseNumber 2) from 2026-12-22 to 2027-01-12");
        citizen.IsFullyVaccinated(Schedules.Standard).Should().BeFalse();
    }

    [Fact]
    public void An_injection_is_recorded_on_the_appointment_s_day_and_a_second_dose_only_after_the_first()
    {
        var (citizen, first) = FirstDoseOf("Pfizer");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        second.Accept(Date.AddDays(42), new TimeOnly(9, 0), 30, null, ["Pfizer"]);

        citizen.CannotInject(first, Date.AddDays(2)).Should().Contain("on 2026-12-01, not 2026-12-03");
        citizen.CannotInject(second, Date.AddDays(42)).Should().Contain("first dose has not been given");
        first.Inject("Pfizer", Date).Should().BeTrue();
        citizen.CannotInject(second, Date.AddDays(42)).Should().BeNull();
        citizen.SecondDoseInterval(Schedules.Standard)!.Earliest.Should().Be(Date.AddDays(21), "the interval counts from the day the first was given");
    }

    [Fact]
    public void An_appointment_being_moved_is_not_injected_and_one_due_today_is_not_moved()
    {
        var (citizen, _) = FirstDoseOf("Pfizer");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        second.Accept(Date.AddDays(42), new TimeOnly(9, 0), 30, null, ["Pfizer"]);

        second.CannotMoveTo(Date.AddDays(30), today: Date.AddDays(42)).Should().Contain("can no longer be moved");
        second.RequestMove(Date.AddDays(30), null, Today);
        second.CannotInject(Date.AddDays(42)).Should().Contain("being made");
    }

    [Fact]
    public void Booking_a_second_dose_is_counted_on_the_first_so_a_concurrent_cancellation_of_the_first_sees_it()
    {
        var (citizen, first) = FirstDoseOf("Pfizer");
        citizen.BookSecondDose(Schedules.Standard, Now)!.Reject(BookingReasons.NoPlaceInInterval);

        citizen.RequestSecondDose(new Appointment(2, "Busan Central", Date.AddDays(30), null), Schedules.Standard, Now).Booking.Should().NotBeNull();

        first.SecondDosesBooked.Should().Be(2);
    }

    [Fact]
    public void Fully_vaccinated_once_the_second_dose_is_given()
    {
        var (citizen, first) = FirstDoseOf("Moderna");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        first.Inject("Moderna", Date);
        second.Accept(Date.AddDays(42), new TimeOnly(9, 0), 30, null, ["Moderna"]);
        second.Inject("Moderna", Date.AddDays(42));

        citizen.IsFullyVaccinated(Schedules.Standard).Should().BeTrue();
        citizen.SecondDoseRefusal(Schedules.Standard).Should().Contain("already been vaccinated");
    }

    [Fact]
    public void A_reserved_second_dose_moves_within_its_interval_one_move_at_a_time()
    {
        var (citizen, _) = FirstDoseOf("Pfizer");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        second.CannotMoveTo(Date.AddDays(30), Today).Should().Contain("still being placed");
        second.Accept(Date.AddDays(42), new TimeOnly(9, 0), 30, "Busan Central", ["Pfizer"]);

        second.CannotMoveTo(Date.AddDays(43), Today).Should().Contain("from 2026-12-22 to 2027-01-12");
        second.RequestMove(Date.AddDays(30), new TimeOnly(10, 0), Today).Should().BeTrue();
        second.CannotMoveTo(Date.AddDays(31), Today).Should().Contain("is being made");
        second.Move(Date.AddDays(30), new TimeOnly(10, 0), 30).Should().BeTrue();
        second.Should().BeEquivalentTo(new { ReserveDate = Date.AddDays(30), SlotTime = (TimeOnly?)new TimeOnly(10, 0), MovingTo = (DateOnly?)null, Status = BookingStatus.RESERVE });
        second.Move(Date.AddDays(31), new TimeOnly(10, 0), 30).Should().BeFalse("an answer to no move asked for changes nothing");

        second.RequestMove(Date.AddDays(35), null, Today).Should().BeTrue();
        second.RefuseMove(BookingReasons.DateFull).Should().BeTrue();
        second.Should().BeEquivalentTo(new { ReserveDate = Date.AddDays(30), MoveRefused = BookingReasons.DateFull, MovingTo = (DateOnly?)null });
    }

    [Fact]
    public void A_move_answered_after_the_citizen_cancelled_leaves_the_cancellation()
    {
        var (citizen, first) = FirstDoseOf("Pfizer");
        var second = citizen.BookSecondDose(Schedules.Standard, Now)!;
        second.Accept(Date.AddDays(42), new TimeOnly(9, 0), 30, null, ["Pfizer"]);
        second.RequestMove(Date.AddDays(30), null, Today);
        second.Cancel(Today);

        second.Move(Date.AddDays(30), new TimeOnly(9, 0), 30).Should().BeFalse();
        second.Should().BeEquivalentTo(new { Status = BookingStatus.CANCEL, ReserveDate = Date.AddDays(42) });
        first.CannotMoveTo(Date.AddDays(3), Today).Should().Contain("A first dose is not moved");
    }
}

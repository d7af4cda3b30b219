using KVaccine.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Tests;

public sealed class CitizenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Date = new(2026, 12, 1);

    private static Citizen NewCitizen() => new("Taeyeon Kim", "hash", "890309-2******", Now);

    [Fact]
    public void A_citizen_holds_one_active_booking_at_a_time()
    {
        var citizen = NewCitizen();
        citizen.RequestBooking(new Appointment(1, "Korean Hospital", Date, null), Schedules.Standard, Now).Booking.Should().NotBeNull();

        var second = citizen.RequestBooking(new Appointment(1, "Korean Hospital", Date.AddDays(1), null), Schedules.Standard, Now);

        second.Booking.Should().BeNull();
        second.Refusal.Should().Contain("already hold a booking");
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("reject")]
    public void After_a_cancellation_or_a_rejection_the_citizen_may_book_again(string ending)
    {
        var citizen = NewCitizen();
        var first = citizen.RequestBooking(new Appointment(1, "Korean Hospital", Date, null), Schedules.Standard, Now).Booking!;
        _ = ending == "cancel" ? first.Cancel(DateOnly.FromDateTime(Now.DateTime)) : first.Reject("DATE_FULL");

        citizen.RequestBooking(new Appointment(1, "Korean Hospital", Date.AddDays(1), null), Schedules.Standard, Now).Booking.Should().NotBeNull();
        citizen.Active!.ReserveDate.Should().Be(Date.AddDays(1));
    }

    [Fact]
    public void After_the_injection_of_a_one_dose_vaccine_the_citizen_may_not_book_again()
    {
        var citizen = NewCitizen();
        var booking = citizen.RequestBooking(new Appointment(1, "Korean Hospital", Date, null), Schedules.Standard, Now).Booking!;
        booking.Accept(Date, new TimeOnly(9, 30), 30, null, null).Should().BeTrue();
        booking.Inject("Janssen", Date).Should().BeTrue();

        citizen.RequestBooking(new Appointment(1, "Korean Hospital", Date.AddDays(1), null), Schedules.Standard, Now).Refusal.Should().Contain("already been vaccinated");
    }

    [Fact]
    public void A_decision_that_arrives_after_the_citizen_cancelled_changes_nothing()
    {
        var booking = NewCitizen().RequestBooking(new Appointment(1, "Korean Hospital", Date, null), Schedules.Standard, Now).Booking!;
        booking.Cancel(Date.AddDays(-5));

        booking.Accept(Date, new TimeOnly(9, 30), 30, null, null).Should().BeFalse();
        booking.Reject("DATE_FULL").Should().BeFalse();
        booking.AssignVaccine("Pfizer").Should().BeFalse("the citizen is not told of a vaccine for a cancelled booking");
        booking.VaccineType.Should().Be("Pfizer", "but the record keeps the assignment that happened");
        booking.Inject("Pfizer", Date).Should().BeFalse();
        booking.Status.Should().Be(BookingStatus.CANCEL);
    }

    [Fact]
    public void Only_a_reserved_booking_can_be_injected_and_only_once()
    {
        var booking = NewCitizen().RequestBooking(new Appointment(1, "Korean Hospital", Date, null), Schedules.Standard, Now).Booking!;
        booking.Inject("Pfizer", Date).Should().BeFalse("a PENDING booking is not yet reserved");
        booking.Accept(Date, new TimeOnly(9, 30), 30, null, null);

        booking.Inject("Pfizer", Date).Should().BeTrue();
        booking.Inject("Pfizer", Date).Should().BeFalse();
        booking.Cancel(Date).Should().BeFalse("an injection cannot be cancelled");
    }

    [Theory]
    [InlineData("taeyeon kim")]
    [InlineData("  Taeyeon   Kim ")]
    public void Names_match_regardless_of_case_and_spacing(string written) => NewCitizen().IsNamed(written).Should().BeTrue();

    [Fact]
    public void Another_name_does_not_match() => NewCitizen().IsNamed("Jieun Lee").Should().BeFalse();
}

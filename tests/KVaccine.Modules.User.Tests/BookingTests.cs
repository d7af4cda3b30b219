using KVaccine.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Tests;

/// <summary>The one place a booking's status changes: every transition, and what arrives too late for one.</summary>
public sealed class BookingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Date = new(2026, 12, 1);

    private static Booking Reserved()
    {
        var booking = new Citizen("Taeyeon Kim", "hash", "890309-2******", Now).RequestBooking(new Appointment(1, "Korean Hospital", Date, null), Schedules.Standard, Now).Booking!;
        booking.Accept(Date, new TimeOnly(9, 30), 30, null, null).Should().BeTrue();
        return booking;
    }

    [Fact]
    public void A_reserved_booking_with_no_vaccine_left_is_a_rejection_for_want_of_stock_not_a_cancellation()
    {
        var booking = Reserved();

        booking.RunOutOfVaccine().Should().BeTrue();

        booking.Status.Should().Be(BookingStatus.REJECT);
        booking.Reason.Should().Be(BookingReasons.OutOfStock);
        booking.CancelDate.Should().BeNull();
    }

    [Fact]
    public void Running_out_of_vaccine_changes_nothing_once_the_citizen_has_cancelled()
    {
        var booking = Reserved();
        booking.Cancel(Date.AddDays(-2));

        booking.RunOutOfVaccine().Should().BeFalse();

        booking.Status.Should().Be(BookingStatus.CANCEL);
        booking.Reason.Should().BeNull();
    }

    [Fact]
    public void Reservation_can_reject_only_a_booking_it_has_not_decided()
    {
        Reserved().Reject(BookingReasons.DateFull).Should().BeFalse("an accepted booking is not turned down afterwards");
    }

    [Fact]
    public void An_injection_reported_after_the_citizen_cancelled_is_refused_and_says_why()
    {
        var booking = Reserved();
        booking.Cancel(Date.AddDays(-1));

        booking.CannotInject(booking.ReserveDate).Should().Contain("CANCEL").And.Contain("2026-11-30");
        booking.Inject("Pfizer", Date).Should().BeFalse();
        booking.Status.Should().Be(BookingStatus.CANCEL);
    }

    [Fact]
    public void A_cancellation_after_the_injection_is_refused_and_says_why()
    {
        var booking = Reserved();
        booking.Inject("Pfizer", Date).Should().BeTrue();

        booking.CannotCancel().Should().Contain("already been given");
        booking.Cancel(Date).Should().BeFalse();
        booking.Status.Should().Be(BookingStatus.INJECT);
    }

    [Fact]
    public void A_second_report_of_the_same_injection_is_refused()
    {
        var booking = Reserved();
        booking.Inject("Pfizer", Date);

        booking.CannotInject(booking.ReserveDate).Should().Contain("already been injected");
    }

    [Fact]
    public void A_booking_says_where_and_when_in_the_slot_Reservation_placed_it_and_a_whole_day_by_its_date_alone()
    {
        var booking = Reserved();
        booking.Where.Should().Be("Korean Hospital, 2026-12-01 09:30");

        var wholeDay = new Citizen("Taeyeon Kim", "hash", "890309-2******", Now).RequestBooking(new Appointment(1, null, Date, null), Schedules.Standard, Now).Booking!;
        wholeDay.Accept(Date, TimeOnly.MinValue, Appointment.WholeDay, "Korean Hospital", null);
        wholeDay.Where.Should().Be("Korean Hospital, 2026-12-01");
        wholeDay.SiteName.Should().Be("Korean Hospital", "a booking made while the calendar could not be asked learns its site's name from the decision");
    }

    [Fact]
    public void A_booking_the_site_cancelled_is_a_cancellation_with_the_reason()
    {
        var booking = Reserved();

        booking.CancelBySite(Date.AddDays(-2)).Should().BeTrue();

        booking.Status.Should().Be(BookingStatus.CANCEL);
        booking.Reason.Should().Be(BookingReasons.SiteClosed);
        booking.CancelBySite(Date).Should().BeFalse("it is cancelled already");
    }
}

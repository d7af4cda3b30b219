using KVaccine.Contracts;
using KVaccine.Modules.Hospital.Bookings;

namespace KVaccine.Modules.Hospital.Tests;

public sealed class VaccinePickTests
{
    private static readonly string[] Types = ["Pfizer", "Moderna", "Janssen", "AstraZeneca"];

    private static HospitalBooking NewBooking() => new()
    {
        BookingId = 1, UserId = 1, UserName = "A", MaskedRegNumber = "890309-2******",
        ReserveDate = new DateOnly(2026, 12, 1), Status = BookingStatus.RESERVE,
    };

    [Fact]
    public void Each_pick_is_a_configured_type_not_tried_before_until_none_is_left()
    {
        var booking = NewBooking();
        var random = new Random(1);

        var picks = Enumerable.Range(0, 4).Select(_ => booking.PickVaccine(Types, random)).ToList();

        picks.Should().BeEquivalentTo(Types);
        booking.PickVaccine(Types, random).Should().BeNull();
    }

    [Fact]
    public void The_choice_is_random_among_the_configured_types()
    {
        var first = Enumerable.Range(0, 200).Select(seed => NewBooking().PickVaccine(Types, new Random(seed))).ToList();

        first.Distinct().Should().BeEquivalentTo(Types, "every type is chosen for some citizens");
    }

    [Fact]
    public void The_choice_is_among_the_types_the_hospital_gives_and_the_booking_may_have()
    {
        var picks = Enumerable.Range(0, 100).Select(seed =>
        {
            var booking = NewBooking();
            booking.OfferedTypes = "Moderna,Janssen,Novavax";
            return (First: booking.PickVaccine(Types, new Random(seed)), Second: booking.PickVaccine(Types, new Random(seed)), Third: booking.PickVaccine(Types, new Random(seed)));
        }).ToList();

        picks.Select(p => p.First).Distinct().Should().BeEquivalentTo(["Moderna", "Janssen"], "Novavax is not given here, Pfizer and AstraZeneca not for this citizen");
        picks.Should().OnlyContain(p => p.First != p.Second && p.Third == null, "two types to try, then none");
    }

    [Fact]
    public void A_second_dose_is_only_ever_the_first_s_product()
    {
        var booking = NewBooking();
        booking.OfferedTypes = "AstraZeneca";

        booking.PickVaccine(Types, new Random(7)).Should().Be("AstraZeneca");
        booking.PickVaccine(Types, new Random(7)).Should().BeNull("when it is out of stock there is no other to try");
    }

    [Fact]
    public void The_booking_waits_only_for_the_type_last_requested()
    {
        var booking = NewBooking();
        var pick = booking.PickVaccine(Types, new Random(3))!;

        booking.IsWaitingFor(pick).Should().BeTrue();
        booking.IsWaitingFor(Types.First(t => t != pick)).Should().BeFalse();
    }

    [Fact]
    public void The_hospital_reports_an_injection_only_for_an_open_booking_with_a_vaccine_on_the_booked_day()
    {
        var booking = NewBooking();
        booking.CannotInject(booking.ReserveDate).Should().Contain("No vaccine");
        booking.VaccineType = "Pfizer";
        booking.CannotInject(booking.ReserveDate.AddDays(-1)).Should().Contain("booked day");
        booking.CannotInject(booking.ReserveDate).Should().BeNull("whether the booking still allows it is for User to decide for good");
        booking.Status = BookingStatus.CANCEL;
        booking.CannotInject(booking.ReserveDate).Should().Contain("CANCEL", "but a copy that shows it closed is answered at once");
    }
}

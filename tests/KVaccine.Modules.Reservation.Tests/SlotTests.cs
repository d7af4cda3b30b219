using KVaccine.Modules.Reservation.Calendar;

namespace KVaccine.Modules.Reservation.Tests;

public sealed class SlotTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Fact]
    public void A_slot_takes_first_doses_up_to_their_capacity_and_second_doses_up_to_theirs()
    {
        var slot = new Slot(1, Day, new TimeOnly(9, 0), 30, firstCapacity: 2, secondCapacity: 1);

        slot.TryTake(1).Should().BeTrue();
        slot.TryTake(1).Should().BeTrue();
        slot.TryTake(1).Should().BeFalse();
        slot.Remaining(1).Should().Be(0);
        slot.Remaining(2).Should().Be(1, "a second dose has places of its own");
        slot.TryTake(2).Should().BeTrue();
        slot.TryTake(2).Should().BeFalse();
        slot.TryTake(3).Should().BeFalse("every later dose shares the second's places");
    }

    [Fact]
    public void A_released_place_can_be_taken_again_and_releasing_never_goes_below_zero()
    {
        var slot = new Slot(1, Day, new TimeOnly(9, 0), 30, firstCapacity: 1, secondCapacity: 1);
        slot.TryTake(1);
        slot.Release(1);
        slot.Release(1);
        slot.Release(2);

        slot.FirstBooked.Should().Be(0);
        slot.SecondBooked.Should().Be(0);
        slot.TryTake(1).Should().BeTrue();
    }

    [Fact]
    public void Capacities_never_go_below_what_is_booked()
    {
        var slot = new Slot(1, Day, new TimeOnly(9, 0), 30, firstCapacity: 5, secondCapacity: 5);
        slot.TryTake(1);
        slot.TryTake(1);
        slot.TryTake(2);

        slot.TrySetCapacities(1, 5).Should().BeFalse();
        slot.TrySetCapacities(2, 0).Should().BeFalse();
        slot.FirstCapacity.Should().Be(5, "a refused change changes nothing");
        slot.TrySetCapacities(2, 1).Should().BeTrue();
        slot.Remaining(1).Should().Be(0);
    }

    [Fact]
    public void A_closed_slot_offers_nothing_and_keeps_what_it_holds_until_each_is_released()
    {
        var slot = new Slot(1, Day, new TimeOnly(9, 0), 30, firstCapacity: 5, secondCapacity: 5);
        slot.TryTake(1);
        slot.Close();

        slot.TryTake(1).Should().BeFalse();
        slot.FirstBooked.Should().Be(1);
        slot.Release(1);
        slot.FirstBooked.Should().Be(0);
    }
}

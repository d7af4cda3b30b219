using KVaccine.Modules.Reservation.Calendar;

namespace KVaccine.Modules.Reservation.Tests;

public sealed class SlotTests
{
    [Fact]
    public void A_slot_takes_places_up_to_its_capacity_and_no_more()
    {
        var slot = new Slot(new DateOnly(2026, 12, 1), capacity: 2);

        slot.TryTake().Should().BeTrue();
        slot.TryTake().Should().BeTrue();
        slot.TryTake().Should().BeFalse();
        slot.Remaining.Should().Be(0);
    }

    [Fact]
    public void A_released_place_can_be_taken_again_and_releasing_never_goes_below_zero()
    {
        var slot = new Slot(new DateOnly(2026, 12, 1), capacity: 1);
        slot.TryTake();
        slot.Release();
        slot.Release();

        slot.Booked.Should().Be(0);
        slot.TryTake().Should().BeTrue();
    }
}

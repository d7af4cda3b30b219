using KVaccine.Contracts;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>A stored slot's times as the API writes them (<see cref="SlotClock"/>).</summary>
internal static class SlotTimes
{
    public static string Start(Slot slot) => SlotClock.Text(slot.Start);

    public static string End(Slot slot) => SlotClock.End(slot.Start, slot.Minutes);
}

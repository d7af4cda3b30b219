using KVaccine.BuildingBlocks.Modules;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>The dates open for booking (from tomorrow, local time, for <c>BookingWindowDays</c> days) and their capacity.</summary>
internal sealed class CalendarPolicy(LocalCalendar calendar, IOptions<ReservationOptions> options)
{
    public DateOnly First => calendar.Today.AddDays(1);

    public DateOnly Last => calendar.Today.AddDays(options.Value.BookingWindowDays);

    public bool Contains(DateOnly date) => date >= First && date <= Last;

    public int DailyCapacity => options.Value.DailyCapacity;
}

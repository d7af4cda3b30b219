using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Reservation.Contracts;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>The dates open for booking today (from tomorrow, local time, for <c>BookingWindowDays</c> days) and their capacity.</summary>
internal sealed class CalendarPolicy(LocalCalendar calendar, IOptions<ReservationOptions> options)
{
    public BookingWindow Window => new(calendar.Today.AddDays(1), calendar.Today.AddDays(options.Value.BookingWindowDays));

    public int DailyCapacity => options.Value.DailyCapacity;
}

using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Reservation.Contracts;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>The dates open for booking a first dose today: from tomorrow, local time, for <c>BookingWindowDays</c> days.</summary>
internal sealed class CalendarPolicy(LocalCalendar calendar, IOptions<ReservationOptions> options)
{
    public BookingWindow Window => new(calendar.Today.AddDays(1), calendar.Today.AddDays(options.Value.BookingWindowDays));

    /// <summary>The last date any booking can fall on: the window, and the longest interval to a later dose after it.</summary>
    public DateOnly Horizon => Window.Last.AddDays(LaterDoseDays);

    public const int LaterDoseDays = VaccineSchedules.MaxIntervalDays;
}

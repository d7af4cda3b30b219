using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Reservation.Contracts;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The dates open for booking today: for a first dose from tomorrow, local time, for <c>BookingWindowDays</c> days; for
/// a later dose the days of its interval, up to the window's end and the longest interval after it.
/// </summary>
internal sealed class CalendarPolicy(LocalCalendar calendar, IOptions<ReservationOptions> options)
{
    public BookingWindow Window => new(calendar.Today.AddDays(1), calendar.Today.AddDays(options.Value.BookingWindowDays));

    /// <summary>The last date any booking can fall on: the window, and the longest interval to a later dose after it.</summary>
    public DateOnly Horizon => Window.Last.AddDays(LaterDoseDays);

    public const int LaterDoseDays = VaccineSchedules.MaxIntervalDays;

    /// <summary>A first dose falls in the window; a later one after today, within its interval (when it has one), up to the horizon.</summary>
    public bool Bookable(int doseNumber, DateOnly date, DateOnly? earliest, DateOnly? latest) => doseNumber <= 1
        ? Window.Contains(date)
        : date > calendar.Today && date <= Horizon && (earliest is not { } from || date >= from) && (latest is not { } to || date <= to);
}

using KVaccine.BuildingBlocks.Modules;
using KVaccine.Modules.Reservation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>Reservation's public contract: the open dates with places left, read from the calendar as it is now.</summary>
internal sealed class AvailableDatesQuery(ReservationDbContext db, CalendarPolicy window, ModuleToggles toggles) : IAvailableDates
{
    public BookingWindow Window => new(window.First, window.Last);

    public async Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct)
    {
        if (!toggles.IsEnabled(ReservationModule.ModuleName))
            throw new ModuleUnavailableException(ReservationModule.ModuleName, "Booking dates cannot be looked up right now. Please try again shortly.");

        var (first, last) = (window.First, window.Last);
        var booked = await db.Slots.AsNoTracking()
            .Where(s => s.Date >= first && s.Date <= last)
            .ToDictionaryAsync(s => s.Date, s => s.Remaining, ct);
        var dates = new List<AvailableDate>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var remaining = booked.TryGetValue(date, out var left) ? left : window.DailyCapacity;
            if (remaining > 0) dates.Add(new AvailableDate(date, remaining));
        }
        return dates;
    }
}

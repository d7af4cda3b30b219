using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Reservation.Calendar;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>
/// A site's slots from today to the calendar's horizon, each as a stored row: an Admin's change writes every one of
/// them, so that a decision taking a place at the same moment writes the same row (a concurrency token or the key)
/// and is retried on what the change left, rather than with the site as it was.
/// </summary>
internal sealed class SlotsToCome(ReservationDbContext db, LocalCalendar calendar, CalendarPolicy policy)
{
    public DateOnly From => calendar.Today;

    /// <summary>The rows stored so far, tracked, by date.</summary>
    public async Task<ILookup<DateOnly, Slot>> StoredAsync(int siteId, CancellationToken ct)
    {
        var from = From;
        var horizon = policy.Horizon;
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Slots.Where(s => s.SiteId == siteId && s.Date >= from && s.Date <= horizon), ct);
        return rows.ToLookup(s => s.Date);
    }

    /// <summary>Adds a row for every slot the site's hours give up to the horizon that has none, with the site's capacities.</summary>
    public void AddMissing(Site site, ILookup<DateOnly, Slot> stored)
    {
        for (var date = From; date <= policy.Horizon; date = date.AddDays(1))
        {
            var rows = stored[date].ToList();
            if (rows.Any(r => r.IsWholeDay)) continue;
            foreach (var time in site.SlotTimesOn(date))
            {
                if (rows.All(r => r.Start != time)) db.Slots.Add(Slot.Unbooked(site, date, time));
            }
        }
    }
}

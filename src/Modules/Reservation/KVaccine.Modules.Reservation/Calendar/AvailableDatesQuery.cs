using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.Reservation.Sites;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>Reservation's public contract: the sites, and their dates and slots with places left, as committed (see <see cref="SlotBoard"/>).</summary>
internal sealed class AvailableDatesQuery(SlotBoard board, CalendarPolicy policy, LocalCalendar calendar, ModuleToggles toggles) : IAvailableDates
{
    public BookingWindow Window => policy.Window;

    public async Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct) => await DatesAsync(Site.DefaultId, 1, ct) ?? [];

    public async Task<IReadOnlyList<SiteInfo>> SitesAsync(string? region, CancellationToken ct)
    {
        EnsureOn();
        var today = calendar.Today;
        return (await board.SitesAsync(ct))
            .Where(s => string.IsNullOrWhiteSpace(region) || string.Equals(s.Region, region.Trim(), StringComparison.CurrentCultureIgnoreCase))
            .Select(s => Info(s, today)).ToList();
    }

    public async Task<SiteInfo?> SiteAsync(int siteId, CancellationToken ct)
    {
        EnsureOn();
        return await board.SiteAsync(siteId, ct) is { } site ? Info(site, calendar.Today) : null;
    }

    public async Task<IReadOnlyList<AvailableDate>?> DatesAsync(int siteId, int doseNumber, CancellationToken ct)
    {
        EnsureOn();
        // A second dose falls after the window as often as in it: its dates run to the calendar's horizon.
        var window = policy.Window;
        return await board.DatesAsync(siteId, doseNumber, window.First, doseNumber > 1 ? policy.Horizon : window.Last, ct);
    }

    public async Task<IReadOnlyList<AvailableSlot>?> SlotsAsync(int siteId, DateOnly date, int doseNumber, CancellationToken ct)
    {
        EnsureOn();
        return await board.SlotsAsync(siteId, date, doseNumber, ct);
    }

    private void EnsureOn()
    {
        if (!toggles.IsEnabled(ReservationModule.ModuleName))
            throw new ModuleUnavailableException(ReservationModule.ModuleName, "Booking dates cannot be looked up right now. Please try again shortly.");
    }

    private static SiteInfo Info(Site site, DateOnly today) => new(site.Id, site.Name, site.Region, site.VaccineTypeList, site.Hours.ToDictionary(),
        site.SlotMinutes, site.ClosedDays.Select(d => d.Date).Where(d => d >= today).Order().ToList());
}

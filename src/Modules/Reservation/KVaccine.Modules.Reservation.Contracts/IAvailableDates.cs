namespace KVaccine.Modules.Reservation.Contracts;

/// <summary>
/// The one synchronous path between modules: the sites, and the dates and slots a citizen can still book at each,
/// read in real time from Reservation's calendar.
/// </summary>
/// <remarks>Every call but <see cref="Window"/> throws <c>ModuleUnavailableException</c> while Reservation is switched off.</remarks>
public interface IAvailableDates
{
    /// <summary>The dates open for booking a first dose today (local time), whether or not they have places left.</summary>
    BookingWindow Window { get; }

    /// <summary>The original's question: the default site's dates with places for a first dose, summed over its slots.</summary>
    Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct);

    /// <summary>Every site, or a region's (case ignored), by name.</summary>
    Task<IReadOnlyList<SiteInfo>> SitesAsync(string? region, CancellationToken ct);

    /// <summary>The site, or null when there is none with that id.</summary>
    Task<SiteInfo?> SiteAsync(int siteId, CancellationToken ct);

    /// <summary>
    /// The site's dates with places left for the dose, summed over the date's slots: for a first dose in the window,
    /// for a second (the second's places) from tomorrow to the window's end and the longest interval after it; null
    /// when there is no site with that id.
    /// </summary>
    Task<IReadOnlyList<AvailableDate>?> DatesAsync(int siteId, int doseNumber, CancellationToken ct);

    /// <summary>The site's slots on the date, in order, each with the places left for the dose (none left included); null when there is no such site.</summary>
    Task<IReadOnlyList<AvailableSlot>?> SlotsAsync(int siteId, DateOnly date, int doseNumber, CancellationToken ct);
}

public sealed record AvailableDate(DateOnly ReserveDate, int Remaining);

/// <summary>A slot as citizens see it: starting and ending times as <c>HH:mm</c> (a whole-day slot ends at <c>24:00</c>).</summary>
public sealed record AvailableSlot(string SlotTime, string EndTime, int Remaining);

/// <summary>A vaccination site as citizens see it: its opening hours per weekday (<c>Monday</c>: <c>09:00-12:00,13:00-18:00</c>).</summary>
public sealed record SiteInfo(int SiteId, string Name, string Region, IReadOnlyList<string> VaccineTypes,
    IReadOnlyDictionary<string, string> OpeningHours, int SlotMinutes, IReadOnlyList<DateOnly> ClosedDays);

public sealed record BookingWindow(DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}

namespace KVaccine.Modules.User.Bookings;

/// <summary>What a citizen asks to book: a site, a date and, if they chose one, a slot.</summary>
internal sealed record Appointment(int SiteId, string? SiteName, DateOnly Date, TimeOnly? SlotTime)
{
    /// <summary>Reservation's default site, where the original routes book (a date alone).</summary>
    public const int DefaultSiteId = 1;

    /// <summary>The length of a whole-day slot, the one every booking made before sites existed holds.</summary>
    public const int WholeDay = KVaccine.Contracts.SlotClock.WholeDay;
}

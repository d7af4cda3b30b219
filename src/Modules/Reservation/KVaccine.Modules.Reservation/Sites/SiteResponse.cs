namespace KVaccine.Modules.Reservation.Sites;

/// <summary>A site as an Admin manages it: what citizens see, with the places per slot.</summary>
internal sealed record SiteResponse(int SiteId, string Name, string Region, IReadOnlyList<string> VaccineTypes, IReadOnlyDictionary<string, string> Hours,
    int SlotMinutes, int FirstDoseCapacity, int SecondDoseCapacity, IReadOnlyList<DateOnly> ClosedDays)
{
    public static SiteResponse Of(Site site) => new(site.Id, site.Name, site.Region, site.VaccineTypeList, site.Hours.ToDictionary(), site.SlotMinutes,
        site.FirstDoseCapacity, site.SecondDoseCapacity, site.ClosedDays.Select(d => d.Date).Order().ToList());
}

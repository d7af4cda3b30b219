using KVaccine.Modules.Reservation.Sites;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The slots of one site on one date, the one rule both the listings and the decisions follow: the slots its hours
/// give, each as stored once booked (else with all the site's places), in order. A date that holds a whole-day slot
/// (booked before sites existed) keeps that one slot and nothing else; a closed date has none.
/// </summary>
internal static class SiteDay
{
    public static IReadOnlyList<Slot> Slots(Site site, DateOnly date, IReadOnlyCollection<Slot> stored)
    {
        if (site.IsClosedOn(date)) return [];
        if (stored.FirstOrDefault(s => s.IsWholeDay) is { } wholeDay) return [wholeDay];
        var times = site.SlotTimesOn(date);
        var slots = new Slot[times.Count];
        for (var i = 0; i < times.Count; i++)
            slots[i] = stored.FirstOrDefault(s => s.Start == times[i]) ?? Slot.Unbooked(site, date, times[i]);
        return slots;
    }

    /// <summary>The slot asked for, or for a date alone the first with a place for the dose (else the first, to be refused as full); null when there is none.</summary>
    public static Slot? Pick(IReadOnlyList<Slot> slots, TimeOnly? chosen, int doseNumber) => chosen is { } start
        ? slots.FirstOrDefault(s => s.Start == start)
        : slots.FirstOrDefault(s => s.Remaining(doseNumber) > 0) ?? slots.FirstOrDefault();
}

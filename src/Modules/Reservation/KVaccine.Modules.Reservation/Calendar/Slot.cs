using KVaccine.Modules.Reservation.Sites;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The places of one slot of a site, stored once it is first booked, with the capacities it then had (a site's
/// change of capacity rewrites those of its slots still to come). It never goes over capacity: both counts are
/// concurrency tokens, so two decisions that read the same counts cannot both write; the loser is retried and reads
/// the new ones.
/// </summary>
internal sealed class Slot
{
    private Slot()
    {
    }

    public Slot(int siteId, DateOnly date, TimeOnly start, int minutes, int firstCapacity, int secondCapacity)
    {
        SiteId = siteId;
        Date = date;
        Start = start;
        Minutes = minutes;
        FirstCapacity = firstCapacity;
        SecondCapacity = secondCapacity;
    }

    /// <summary>A slot of the site not booked yet, with the site's capacities.</summary>
    public static Slot Unbooked(Site site, DateOnly date, TimeOnly start) =>
        new(site.Id, date, start, site.SlotMinutes, site.FirstDoseCapacity, site.SecondDoseCapacity);

    public int SiteId { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public int Minutes { get; private set; }
    public int FirstCapacity { get; private set; }
    public int SecondCapacity { get; private set; }
    public int FirstBooked { get; private set; }
    public int SecondBooked { get; private set; }

    public bool IsWholeDay => Minutes >= Site.WholeDay;

    public int Booked => FirstBooked + SecondBooked;

    public int Remaining(int doseNumber) => doseNumber <= 1 ? FirstCapacity - FirstBooked : SecondCapacity - SecondBooked;

    public int BookedFor(int doseNumber) => doseNumber <= 1 ? FirstBooked : SecondBooked;

    /// <summary>A copy of the counts as they are, for the in-memory board (see <see cref="SlotBoard"/>).</summary>
    public Slot Copy() => (Slot)MemberwiseClone();

    public bool TryTake(int doseNumber)
    {
        if (Remaining(doseNumber) <= 0) return false;
        if (doseNumber <= 1) FirstBooked++;
        else SecondBooked++;
        return true;
    }

    public void Release(int doseNumber)
    {
        if (doseNumber <= 1 && FirstBooked > 0) FirstBooked--;
        else if (doseNumber > 1 && SecondBooked > 0) SecondBooked--;
    }

    /// <summary>No places left for anyone: the site closed the day. What is booked stays until each booking gives its place back.</summary>
    public void Close()
    {
        FirstCapacity = 0;
        SecondCapacity = 0;
    }

    /// <summary>The site's new capacities, unless fewer than are booked: then the dose whose places would not hold them.</summary>
    public bool TrySetCapacities(int first, int second)
    {
        if (first < FirstBooked || second < SecondBooked) return false;
        FirstCapacity = first;
        SecondCapacity = second;
        return true;
    }
}

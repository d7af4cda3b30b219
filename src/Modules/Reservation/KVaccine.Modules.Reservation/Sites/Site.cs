namespace KVaccine.Modules.Reservation.Sites;

/// <summary>
/// A vaccination site: where it is, what it gives, when it is open, and how many people each of its slots takes for
/// first doses and for later ones. Its slots are not stored until one is booked: they follow from the opening hours
/// and the slot length (see <see cref="SlotTimesOn"/>).
/// </summary>
internal sealed class Site
{
    /// <summary>The original routes (<c>POST /user/date</c>, a <c>POST /user/reserve</c> with only a date) book here; bookings made before sites existed belong to it.</summary>
    public const int DefaultId = 1;

    public const int MaxNameLength = 100;
    public const int MaxRegionLength = 50;
    /// <summary>As the original's places per day went: a stadium's day in one slot.</summary>
    public const int MaxCapacity = 1_000_000;

    /// <summary>A slot that lasts the whole day: what every booking made before sites existed holds.</summary>
    public const int WholeDay = KVaccine.Contracts.SlotClock.WholeDay;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";

    /// <summary>The vaccine types given here, each on the service's list, comma-separated as stored.</summary>
    public string VaccineTypes { get; set; } = "";

    public WeeklyHours Hours { get; set; } = WeeklyHours.Closed;
    public int SlotMinutes { get; set; } = 30;
    public int FirstDoseCapacity { get; set; }
    public int SecondDoseCapacity { get; set; }
    public List<ClosedDay> ClosedDays { get; set; } = [];

    public IReadOnlyList<string> VaccineTypeList => VaccineTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool IsClosedOn(DateOnly date) => ClosedDays.Any(d => d.Date == date);

    /// <summary>Places per slot for a dose: the first dose has its own, every later dose shares the second's.</summary>
    public int CapacityFor(int doseNumber) => doseNumber <= 1 ? FirstDoseCapacity : SecondDoseCapacity;

    /// <summary>The slots the hours give on a date, in order: each stretch cut into slots of <see cref="SlotMinutes"/>, a shorter rest left out.</summary>
    public IReadOnlyList<TimeOnly> SlotTimesOn(DateOnly date)
    {
        if (IsClosedOn(date)) return [];
        var times = new List<TimeOnly>();
        foreach (var period in Hours.On(date.DayOfWeek))
        {
            var closes = MinuteOfDay(period.Closes);
            for (var start = MinuteOfDay(period.Opens); start + SlotMinutes <= closes; start += SlotMinutes)
                times.Add(new TimeOnly(start / 60, start % 60));
        }
        return times;
    }

    private static int MinuteOfDay(TimeOnly time) => time.Hour * 60 + time.Minute;
}

/// <summary>A date a site does not open, whatever its hours say.</summary>
internal sealed class ClosedDay
{
    public int SiteId { get; set; }
    public DateOnly Date { get; set; }
}

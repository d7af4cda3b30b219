using KVaccine.Contracts;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Settings;

/// <summary>
/// <c>VaccineSchedules</c>: for each vaccine type, how many doses it takes, the interval from the first to the second
/// in days (minimum, desired, maximum) and the minimum age. A booking keeps the interval it was made with, so a
/// change here moves no booking already made; new bookings follow it.
/// </summary>
public sealed class VaccineSchedules
{
    public const string Section = "VaccineSchedules";

    /// <summary>The longest interval a schedule may give, which is how far past the booking window a second dose can fall.</summary>
    public const int MaxIntervalDays = 120;

    public const int MaxAge = 120;

    public Dictionary<string, VaccineSchedule> Types { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The schedules of <see cref="VaccineTypes.Default"/>, for a host whose settings give none (as the list itself defaults).</summary>
    public static IReadOnlyDictionary<string, VaccineSchedule> Default { get; } = new Dictionary<string, VaccineSchedule>(StringComparer.OrdinalIgnoreCase)
    {
        ["Pfizer"] = new() { Doses = 2, MinimumIntervalDays = 21, DesiredIntervalDays = 42, MaximumIntervalDays = 42, MinimumAge = 12 },
        ["Moderna"] = new() { Doses = 2, MinimumIntervalDays = 28, DesiredIntervalDays = 42, MaximumIntervalDays = 42, MinimumAge = 12 },
        ["Janssen"] = new() { Doses = 1, MinimumAge = 30 },
        ["AstraZeneca"] = new() { Doses = 2, MinimumIntervalDays = 56, DesiredIntervalDays = 77, MaximumIntervalDays = 84, MinimumAge = 30 },
    };

    /// <summary>The type's schedule; every type on <see cref="VaccineTypes"/> has one (the host does not start otherwise).</summary>
    public VaccineSchedule For(string type) => Types.TryGetValue(type, out var schedule) ? schedule : VaccineSchedule.OneDose;

    /// <summary>Of the types offered, those a citizen born on <paramref name="birth"/> may receive on the day (all of them when the birth date is unknown).</summary>
    public IReadOnlyList<string> Eligible(IEnumerable<string> offered, DateOnly? birth, DateOnly day) =>
        birth is { } born ? offered.Where(t => BirthDate.AgeOn(born, day) >= For(t).MinimumAge).ToList() : offered.ToList();

    /// <summary>What a citizen is told when none of a site's types is for their age.</summary>
    public string NotEligible(IEnumerable<string> offered, DateOnly? birth, DateOnly day)
    {
        var ages = string.Join(", ", offered.Select(t => $"{t} from {For(t).MinimumAge}"));
        var age = birth is { } born ? $"you will be {BirthDate.AgeOn(born, day)} on {day:yyyy-MM-dd}" : "your age is not known";
        return $"None of this site's vaccines can be given to you: {age}, and its vaccines are given at these ages: {ages}. Choose a site with a vaccine for your age.";
    }

    internal sealed class Validator(IOptions<VaccineTypes> known) : IValidateOptions<VaccineSchedules>
    {
        public ValidateOptionsResult Validate(string? name, VaccineSchedules options)
        {
            var errors = new List<string>();
            foreach (var type in known.Value.All.Where(t => !options.Types.ContainsKey(t)))
                errors.Add($"{Section}:{type}: {VaccineTypes.Section} names '{type}', but it has no schedule. Give its Doses (1 or 2), and for two doses MinimumIntervalDays, DesiredIntervalDays and MaximumIntervalDays.");
            // A schedule of a type no longer listed is kept for the bookings made with it, and checked like the others.
            foreach (var (type, s) in options.Types)
            {
                var key = $"{Section}:{type}";
                if (s.Doses is < 1 or > 2) errors.Add($"{key}:Doses is {s.Doses}; a vaccine takes 1 or 2 doses.");
                if (s.MinimumAge is < 0 or > MaxAge) errors.Add($"{key}:MinimumAge is {s.MinimumAge}; give an age from 0 to {MaxAge}.");
                if (s.HasSecondDose && !(1 <= s.MinimumIntervalDays && s.MinimumIntervalDays <= s.DesiredIntervalDays
                        && s.DesiredIntervalDays <= s.MaximumIntervalDays && s.MaximumIntervalDays <= MaxIntervalDays))
                    errors.Add($"{key}: the interval to the second dose must be 1 <= MinimumIntervalDays <= DesiredIntervalDays <= MaximumIntervalDays <= {MaxIntervalDays}; it is {s.MinimumIntervalDays} / {s.DesiredIntervalDays} / {s.MaximumIntervalDays}.");
            }
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }
    }
}

/// <summary>One vaccine type's schedule (see <see cref="VaccineSchedules"/>).</summary>
public sealed class VaccineSchedule
{
    public static readonly VaccineSchedule OneDose = new() { Doses = 1 };

    public int Doses { get; set; } = 1;
    public int MinimumIntervalDays { get; set; }
    public int DesiredIntervalDays { get; set; }
    public int MaximumIntervalDays { get; set; }
    public int MinimumAge { get; set; }

    public bool HasSecondDose => Doses >= 2;

    /// <summary>The days the second dose may fall on, after a first on <paramref name="first"/>; null for a one-dose vaccine.</summary>
    public DoseInterval? SecondAfter(DateOnly first) => HasSecondDose
        ? new DoseInterval(first.AddDays(MinimumIntervalDays), first.AddDays(DesiredIntervalDays), first.AddDays(MaximumIntervalDays))
        : null;
}

/// <summary>The days a second dose may fall on, and the one it should.</summary>
public sealed record DoseInterval(DateOnly Earliest, DateOnly Desired, DateOnly Latest)
{
    public bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>The interval's days from <paramref name="from"/> on, nearest the desired day first (of two as near, the earlier).</summary>
    public IEnumerable<DateOnly> NearestDesiredFirst(DateOnly from)
    {
        var first = Earliest > from ? Earliest : from;
        var days = new List<DateOnly>();
        for (var d = first; d <= Latest; d = d.AddDays(1)) days.Add(d);
        return days.OrderBy(d => Math.Abs(d.DayNumber - Desired.DayNumber)).ThenBy(d => d);
    }
}

using System.Globalization;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>One stretch of a day a site is open, as written in settings and requests: <c>09:00-12:00</c>.</summary>
internal readonly record struct OpenPeriod(TimeOnly Opens, TimeOnly Closes)
{
    public override string ToString() => $"{Opens:HH\\:mm}-{Closes:HH\\:mm}";

    public static bool TryParse(string text, out OpenPeriod period)
    {
        period = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
            || closes <= opens)
            return false;
        period = new OpenPeriod(opens, closes);
        return true;
    }
}

/// <summary>
/// A site's opening hours for each weekday: none (closed), one stretch, or several (a lunch break between them).
/// Stored as one line, <c>Mon 09:00-12:00,13:00-18:00; Tue …</c>, which is also how it is compared.
/// </summary>
internal sealed class WeeklyHours
{
    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenPeriod>> _days;

    private WeeklyHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenPeriod>> days) => _days = days;

    public static readonly WeeklyHours Closed = new(new Dictionary<DayOfWeek, IReadOnlyList<OpenPeriod>>());

    public IReadOnlyList<OpenPeriod> On(DayOfWeek day) => _days.TryGetValue(day, out var periods) ? periods : [];

    /// <summary>
    /// Hours as given per weekday (<c>Monday</c> … <c>Sunday</c>, case ignored), each a comma-separated list of
    /// stretches in order that do not overlap; a weekday left out or given as empty is closed.
    /// </summary>
    /// <returns>The hours, or null with what is wrong, naming the weekday.</returns>
    public static WeeklyHours? From(IReadOnlyDictionary<string, string?> perWeekday, out string? error)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpenPeriod>>();
        foreach (var (name, text) in perWeekday)
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day) || int.TryParse(name, out _))
            {
                error = $"'{name}' is not a weekday: use Monday to Sunday.";
                return null;
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
            var periods = new List<OpenPeriod>();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!OpenPeriod.TryParse(part, out var period))
                {
                    error = $"{day}: '{part}' is not a time range: write it as HH:mm-HH:mm, closing after opening.";
                    return null;
                }
                if (periods.Count > 0 && period.Opens < periods[^1].Closes)
                {
                    error = $"{day}: '{part}' begins before the stretch before it ends: list the stretches in order, without overlaps.";
                    return null;
                }
                periods.Add(period);
            }
            days[day] = periods;
        }
        error = null;
        return new WeeklyHours(days);
    }

    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Each open weekday with its stretches, Monday first, as settings and the API give them.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() =>
        Week.Where(d => On(d).Count > 0).ToDictionary(d => d.ToString(), d => string.Join(",", On(d)));

    public override string ToString() =>
        string.Join("; ", Week.Where(d => On(d).Count > 0).Select(d => $"{d.ToString()[..3]} {string.Join(",", On(d))}"));

    /// <summary>Reads <see cref="ToString"/>'s form back.</summary>
    public static WeeklyHours Parse(string stored)
    {
        var perWeekday = new Dictionary<string, string?>();
        foreach (var day in stored.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = day.IndexOf(' ');
            var name = Week.First(d => d.ToString().StartsWith(day[..space], StringComparison.Ordinal)).ToString();
            perWeekday[name] = day[(space + 1)..];
        }
        return From(perWeekday, out var error) ?? throw new FormatException($"Stored opening hours '{stored}' do not read back: {error}");
    }
}

using KVaccine.Modules.Dashboard.Views;

namespace KVaccine.Modules.Dashboard.Pages;

/// <summary>
/// The bookings-per-day chart's geometry: one bar a day from the first booked day to the last (days without a
/// booking as empty bars), scaled to the busiest. Drawn as SVG on the server: no script, and nothing inline for the
/// Content-Security-Policy to refuse.
/// </summary>
internal sealed class DayChart
{
    public const int Height = 160;
    public const int BarWidth = 10;
    private const int Gap = 2;

    public DayChart(IReadOnlyList<BookingsByDay.Day> booked)
    {
        if (booked.Count == 0) return;
        var counts = booked.ToDictionary(d => d.Date, d => d.Bookings);
        for (var day = booked[0].Date; day <= booked[^1].Date; day = day.AddDays(1))
            Days.Add(new BookingsByDay.Day(day, counts.GetValueOrDefault(day)));
        Busiest = Days.Max(d => d.Bookings);
    }

    public List<BookingsByDay.Day> Days { get; } = [];

    public int Busiest { get; }

    public int Width => Math.Max(1, Days.Count) * (BarWidth + Gap);

    public int X(int index) => index * (BarWidth + Gap);

    /// <summary>A bar's height: at least a hair for a day with bookings, so a small day still shows.</summary>
    public int BarHeight(int bookings) => bookings == 0 ? 0 : Math.Max(2, (int)Math.Round((double)bookings / Busiest * (Height - 10)));
}

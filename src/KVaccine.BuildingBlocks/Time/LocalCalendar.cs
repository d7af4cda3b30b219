using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Time;

/// <summary>
/// "Today" where the vaccinations happen (<see cref="CalendarOptions.TimeZone"/>), not on the server's clock: a
/// booking window, a cancel date and an injection day are all local dates.
/// </summary>
public sealed class LocalCalendar(TimeProvider clock, IOptions<CalendarOptions> options)
{
    // Options validation refuses an unknown zone at start (CalendarOptions.Validator), before this is ever built.
    private readonly TimeZoneInfo _zone = CalendarOptions.TryFindZone(options.Value.TimeZone, out var zone)
        ? zone
        : throw new InvalidOperationException($"{CalendarOptions.Section}:TimeZone was not validated.");

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>An instant as a clock on the wall there reads it, for messages to people.</summary>
    public string WallClock(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).ToString("yyyy-MM-dd HH:mm (UTCzzz)", System.Globalization.CultureInfo.InvariantCulture);
}

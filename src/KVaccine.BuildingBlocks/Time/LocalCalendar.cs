using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Time;

/// <summary>
/// "Today" where the vaccinations happen (<see cref="CalendarOptions.TimeZone"/>), not on the server's clock: a
/// booking window, a cancel date and an injection day are all local dates.
/// </summary>
public sealed class LocalCalendar(TimeProvider clock, IOptions<CalendarOptions> options)
{
    private readonly TimeZoneInfo _zone = CalendarOptions.TryFindZone(options.Value.TimeZone, out var zone)
        ? zone
        : throw new OptionsValidationException(CalendarOptions.Section, typeof(CalendarOptions), [$"{CalendarOptions.Section}:TimeZone is not a known time zone."]);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset Now => clock.GetUtcNow();
}

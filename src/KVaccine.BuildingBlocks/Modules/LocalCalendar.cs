using Microsoft.Extensions.Configuration;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>
/// "Today" where the vaccinations happen (<c>Reservation:TimeZone</c>, default Asia/Seoul), not on the server's
/// clock: a booking window, a cancel date and an injection day are all local dates.
/// </summary>
public sealed class LocalCalendar(TimeProvider clock, IConfiguration configuration)
{
    public const string DefaultTimeZone = "Asia/Seoul";

    private readonly TimeZoneInfo _zone = Find(configuration["Reservation:TimeZone"] ?? DefaultTimeZone);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset Now => clock.GetUtcNow();

    private static TimeZoneInfo Find(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) when (id == DefaultTimeZone)
        {
            // A container without tzdata: Korea has kept UTC+9 without daylight saving since 1988.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(9), id, id);
        }
    }
}

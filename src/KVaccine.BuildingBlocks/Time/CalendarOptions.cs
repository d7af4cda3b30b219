using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Time;

/// <summary><c>Calendar</c>: where the vaccinations happen, which decides what "today" is for every module.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";
    public const string DefaultTimeZone = "Asia/Seoul";

    /// <summary>An IANA time zone id.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    public static bool TryFindZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A container without tzdata: Korea has kept UTC+9 without daylight saving since 1988.
            if (id == DefaultTimeZone) zone = TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(9), id, id);
        }
        return zone is not null;
    }

    internal sealed class Validator : IValidateOptions<CalendarOptions>
    {
        public ValidateOptionsResult Validate(string? name, CalendarOptions options) => TryFindZone(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Section}:TimeZone: '{options.TimeZone}' is not a time zone this machine knows; give an IANA id such as {DefaultTimeZone}.");
    }
}

using System.ComponentModel.DataAnnotations;

namespace KVaccine.Modules.Reservation;

internal sealed class ReservationOptions
{
    public const string Section = "Reservation";

    /// <summary>Places per date, fixed for a date when its first booking arrives.</summary>
    [Range(1, 1_000_000)]
    public int DailyCapacity { get; set; } = 100;

    /// <summary>Bookable dates run from tomorrow to this many days ahead, in <c>Calendar:TimeZone</c>.</summary>
    [Range(1, 366)]
    public int BookingWindowDays { get; set; } = 30;
}

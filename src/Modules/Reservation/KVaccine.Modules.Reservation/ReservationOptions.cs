using System.ComponentModel.DataAnnotations;

namespace KVaccine.Modules.Reservation;

internal sealed class ReservationOptions
{
    public const string Section = "Reservation";

    /// <summary>Bookable dates run from tomorrow to this many days ahead, in <c>Calendar:TimeZone</c>.</summary>
    [Range(1, 366)]
    public int BookingWindowDays { get; set; } = 30;

    /// <summary>Read no more: places are per slot of each site. Set, it stops the host, so no deployment loses its capacity unawares.</summary>
    public string? DailyCapacity { get; set; }
}

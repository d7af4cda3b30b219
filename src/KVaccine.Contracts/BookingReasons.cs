namespace KVaccine.Contracts;

/// <summary>Why a booking is <see cref="BookingStatus.REJECT"/> (or, for <see cref="SiteClosed"/>, <see cref="BookingStatus.CANCEL"/>).</summary>
public static class BookingReasons
{
    /// <summary>Every place on the date was taken.</summary>
    public const string DateFull = "DATE_FULL";

    /// <summary>The slot the citizen chose had no place left.</summary>
    public const string SlotFull = "SLOT_FULL";

    /// <summary>When Reservation decided, the date was outside the booking window, the site closed on it, or the slot not one of its.</summary>
    public const string DateNotBookable = "DATE_NOT_BOOKABLE";

    /// <summary>The site closed the day of a RESERVE booking, and an Admin cancelled the day's bookings.</summary>
    public const string SiteClosed = "SITE_CLOSED";

    /// <summary>The booking was RESERVE, but no vaccine type had a dose left for it.</summary>
    public const string OutOfStock = "OUT_OF_STOCK";

    /// <summary>None of the site's vaccine types may be given to the citizen at their age on the date.</summary>
    public const string NotEligible = "NOT_ELIGIBLE";

    /// <summary>No date of the second dose's interval had a place for second doses at the site.</summary>
    public const string NoPlaceInInterval = "NO_PLACE_IN_INTERVAL";
}

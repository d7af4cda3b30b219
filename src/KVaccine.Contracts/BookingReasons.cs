namespace KVaccine.Contracts;

/// <summary>Why a booking is <see cref="BookingStatus.REJECT"/>.</summary>
public static class BookingReasons
{
    /// <summary>Every place on the date was taken.</summary>
    public const string DateFull = "DATE_FULL";

    /// <summary>The date was outside the booking window when Reservation decided.</summary>
    public const string DateNotBookable = "DATE_NOT_BOOKABLE";

    /// <summary>The booking was RESERVE, but no vaccine type had a dose left for it.</summary>
    public const string OutOfStock = "OUT_OF_STOCK";
}

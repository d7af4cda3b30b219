namespace KVaccine.Contracts;

/// <summary>Every event about one booking shares this key, so each consumer sees them in the order they happened.</summary>
public static class BookingKey
{
    public static string Of(long bookingId) => $"booking-{bookingId}";
}

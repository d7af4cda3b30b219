using KVaccine.BuildingBlocks.Outbox;

namespace KVaccine.Modules.User.Contracts;

/// <summary>A citizen asked for a date. Reservation decides; Dashboard shows it as PENDING.</summary>
public sealed record BookingRequested(long BookingId, long UserId, string UserName, string MaskedRegNumber, DateOnly ReserveDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>A citizen cancelled their booking. Reservation frees the place; Hospital returns the dose.</summary>
public sealed record BookingCancelled(long BookingId, long UserId, DateOnly CancelDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Every event about one booking shares this key, so each consumer sees them in the order they happened.</summary>
public static class BookingKey
{
    public static string Of(long bookingId) => $"booking-{bookingId}";
}

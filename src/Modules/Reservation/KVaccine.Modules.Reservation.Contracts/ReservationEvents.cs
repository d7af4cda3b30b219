using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Contracts;

namespace KVaccine.Modules.Reservation.Contracts;

/// <summary>Reservation took a place on the date for the PENDING booking.</summary>
public sealed record ReservationAccepted(long BookingId, DateOnly ReserveDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Reservation turned the PENDING booking down; <see cref="Reason"/> is one of <see cref="BookingReasons"/>.</summary>
public sealed record ReservationRejected(long BookingId, DateOnly ReserveDate, string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

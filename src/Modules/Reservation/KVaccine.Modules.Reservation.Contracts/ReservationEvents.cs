using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Modules.User.Contracts;

namespace KVaccine.Modules.Reservation.Contracts;

/// <summary>Reservation took a place on the date for the booking.</summary>
public sealed record ReservationAccepted(long BookingId, long UserId, string UserName, string MaskedRegNumber, DateOnly ReserveDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Reservation turned the booking down; <see cref="Reason"/> is one of <see cref="ReservationReasons"/>.</summary>
public sealed record ReservationRejected(long BookingId, long UserId, DateOnly ReserveDate, string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Reservation gave an accepted booking's place back: the citizen cancelled, or no vaccine could be had.</summary>
public sealed record ReservationCancelled(long BookingId, long UserId, DateOnly ReserveDate, string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

public static class ReservationReasons
{
    public const string DateFull = "DATE_FULL";
    public const string DateNotBookable = "DATE_NOT_BOOKABLE";
    public const string CancelledByCitizen = "CANCELLED_BY_CITIZEN";
    public const string OutOfStock = "OUT_OF_STOCK";
}

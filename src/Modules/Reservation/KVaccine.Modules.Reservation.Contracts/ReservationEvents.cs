using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Contracts;

namespace KVaccine.Modules.Reservation.Contracts;

/// <summary>
/// Reservation took a place for the PENDING booking in a slot of the site on the date. Accepted before sites existed,
/// it reads as the default site's whole day. <see cref="ReserveDate"/> is the date it placed the booking on (a
/// second dose's nearest the desired one); <see cref="VaccineTypes"/> the site's types the citizen may receive
/// (null when accepted before ages were checked: any).
/// </summary>
public sealed record ReservationAccepted(long BookingId, DateOnly ReserveDate, int SiteId = 1, TimeOnly? SlotTime = null, int? SlotMinutes = null, string? SiteName = null,
    IReadOnlyList<string>? VaccineTypes = null) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Reservation turned the PENDING booking down; <see cref="Reason"/> is one of <see cref="BookingReasons"/>.</summary>
public sealed record ReservationRejected(long BookingId, DateOnly ReserveDate, string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>An Admin closed the site on the booking's date and cancelled the day's bookings: User cancels it and tells the citizen.</summary>
public sealed record BookingCancelledBySite(long BookingId, int SiteId, DateOnly ReserveDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Reservation moved the appointment as asked: the new place is held, the old one free.</summary>
public sealed record AppointmentMoved(long BookingId, DateOnly ReserveDate, TimeOnly SlotTime, int SlotMinutes) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Reservation could not move the appointment (<see cref="Reason"/> is one of <see cref="BookingReasons"/>); it stays where it was.</summary>
public sealed record AppointmentMoveRefused(long BookingId, DateOnly ReserveDate, string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

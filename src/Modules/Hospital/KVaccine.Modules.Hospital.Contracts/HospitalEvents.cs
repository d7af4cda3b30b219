using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Modules.User.Contracts;

namespace KVaccine.Modules.Hospital.Contracts;

/// <summary>Hospital picked a vaccine for the booking and asks Stock to hold one dose of it.</summary>
public sealed record DoseRequested(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>The booking no longer needs its dose (cancelled): Stock puts it back.</summary>
public sealed record DoseReleased(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Stock holds a dose of this vaccine for the booking: it is the citizen's vaccine.</summary>
public sealed record VaccineAssigned(long BookingId, long UserId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Every configured vaccine type was out of stock: Reservation cancels the booking.</summary>
public sealed record VaccinesExhausted(long BookingId, long UserId) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>The citizen was injected at the hospital.</summary>
public sealed record VaccineInjected(long BookingId, long UserId, string VaccineType, DateOnly InjectDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

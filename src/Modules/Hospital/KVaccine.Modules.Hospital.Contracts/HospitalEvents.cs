using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Contracts;

namespace KVaccine.Modules.Hospital.Contracts;

/// <summary>Hospital picked a vaccine for the booking and asks Stock to hold one dose of it.</summary>
public sealed record DoseRequested(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>The booking no longer needs its dose (cancelled or rejected): Stock puts it back.</summary>
public sealed record DoseReleased(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Stock holds a dose of this vaccine for the booking: it is the citizen's vaccine.</summary>
public sealed record VaccineAssigned(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Every configured vaccine type was out of stock for the booking.</summary>
public sealed record VaccinesExhausted(long BookingId) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Staff report that they gave the booking's vaccine; User records it unless the booking no longer allows it.</summary>
public sealed record InjectionReported(long BookingId, string VaccineType, DateOnly InjectDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

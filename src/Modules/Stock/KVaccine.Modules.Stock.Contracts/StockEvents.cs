using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Contracts;

namespace KVaccine.Modules.Stock.Contracts;

/// <summary>Stock took one dose off the count and holds it for the booking.</summary>
public sealed record DoseReserved(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Stock had no dose of that vaccine (or does not know the type); nothing was taken.</summary>
public sealed record DoseUnavailable(long BookingId, string VaccineType) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

using KVaccine.BuildingBlocks.Outbox;

namespace KVaccine.BuildingBlocks.Tests.TestModules;

/// <summary>The event the test publisher raises: a sequence number to check order and once-ness, and a key.</summary>
public sealed record ItemCreated(int Seq, string Key) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => Key;
}

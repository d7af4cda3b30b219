using MediatR;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// A notification one module publishes for others. It travels only through the outbox: the publisher raises it on
/// its <see cref="ModuleDbContext"/> and it is written in the same transaction as the state change that caused it.
/// </summary>
public interface IIntegrationEvent : INotification
{
    /// <summary>
    /// Events that share a key (one booking, say) reach each consumer in commit order. Implement it explicitly so
    /// it is not serialized with the payload.
    /// </summary>
    string CorrelationKey { get; }
}

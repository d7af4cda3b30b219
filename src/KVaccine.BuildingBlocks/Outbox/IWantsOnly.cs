namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// A handler that needs only some events of a type says which. Its module is then sent only those: every delivery
/// costs a turn at the database, and an event a module ignores is a turn for nothing. Decided on the event alone,
/// when it is published.
/// </summary>
public interface IWantsOnly<TEvent> where TEvent : IIntegrationEvent
{
    static abstract bool Wants(TEvent e);
}

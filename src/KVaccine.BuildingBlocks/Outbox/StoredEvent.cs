using System.Text.Json;
using System.Text.Json.Serialization;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>How an event is written in <c>outbox_messages</c>: its type's full name and its JSON.</summary>
public static class StoredEvent
{
    // Enums by name: a stored event must still read the same after a member is added to its enum.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The stored name of an event type. Renaming an event type is a breaking change for stored rows.</summary>
    public static string NameOf(Type eventType) => eventType.FullName!;

    public static string Serialize(IIntegrationEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    public static IIntegrationEvent Deserialize(Type type, string payload) =>
        (IIntegrationEvent)(JsonSerializer.Deserialize(payload, type, Json)
            ?? throw new InvalidOperationException($"The payload of a '{NameOf(type)}' event is empty."));
}

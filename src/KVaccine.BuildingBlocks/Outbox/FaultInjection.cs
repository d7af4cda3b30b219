using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// A test-only switch for the fault harness: makes one consumer's handling of matching deliveries throw, as a
/// poison event would. <c>FaultInjection:Consumer</c>, <c>:EventType</c> (the type's short name) and optionally
/// <c>:CorrelationKey</c>; read at runtime, so removing it lets a replay succeed. It is ignored in Production, and a
/// Production host with it set refuses to start.
/// </summary>
public sealed class FaultInjection(IConfiguration configuration, IHostEnvironment environment)
{
    public const string Section = "FaultInjection";

    public bool IsConfigured => configuration.GetSection(Section)["Consumer"] is { Length: > 0 };

    public void ThrowIfPoisoned(string consumer, OutboxDelivery delivery)
    {
        if (environment.IsProduction()) return;
        var section = configuration.GetSection(Section);
        if (section["Consumer"] != consumer) return;
        if (section["EventType"] is { Length: > 0 } type && !delivery.Message.Type.EndsWith("." + type, StringComparison.Ordinal)) return;
        if (section["CorrelationKey"] is { Length: > 0 } key && key != delivery.CorrelationKey) return;
        throw new InvalidOperationException($"Injected fault: {consumer} cannot handle {delivery.Message.Type} ({delivery.CorrelationKey}).");
    }
}

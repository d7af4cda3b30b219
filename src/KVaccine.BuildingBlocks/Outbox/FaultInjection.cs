using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Test-only switches for the fault harness, read at runtime (removing one lets a replay succeed) and ignored in
/// Production, where a host with one set refuses to start.
/// <list type="bullet">
/// <item><c>FaultInjection:Consumer</c>, <c>:EventType</c> (the type's short name) and optionally
/// <c>:CorrelationKey</c> make that consumer's handling of matching deliveries throw, as a poison event would.</item>
/// <item><c>FaultInjection:HoldClaim:Consumer</c> and <c>:Milliseconds</c> make that consumer's loop hold each claim it
/// takes that long before applying it, logging which deliveries it holds: the moment at which a test kills or pauses
/// the host, made repeatable.</item>
/// </list>
/// </summary>
public sealed class FaultInjection(IConfiguration configuration, IHostEnvironment environment, ILogger<FaultInjection> logger)
{
    public const string Section = "FaultInjection";

    public bool IsConfigured => configuration.GetSection(Section) is var section
        && (section["Consumer"] is { Length: > 0 } || section["HoldClaim:Consumer"] is { Length: > 0 });

    public void ThrowIfPoisoned(string consumer, OutboxDelivery delivery)
    {
        if (environment.IsProduction()) return;
        var section = configuration.GetSection(Section);
        if (section["Consumer"] != consumer) return;
        if (section["EventType"] is { Length: > 0 } type && !delivery.Message.Type.EndsWith("." + type, StringComparison.Ordinal)) return;
        if (section["CorrelationKey"] is { Length: > 0 } key && key != delivery.CorrelationKey) return;
        throw new InvalidOperationException($"Injected fault: {consumer} cannot handle {delivery.Message.Type} ({delivery.CorrelationKey}).");
    }

    public async Task HoldIfAskedAsync(string consumer, Claim claim, CancellationToken ct)
    {
        if (environment.IsProduction()) return;
        var hold = configuration.GetSection(Section).GetSection("HoldClaim");
        if (hold["Consumer"] != consumer || !int.TryParse(hold["Milliseconds"], out var ms) || ms <= 0) return;
        logger.LogWarning("Injected fault: holding a claim of deliveries {DeliveryIds} to {Consumer} for {HoldMs} ms before applying it",
            string.Join(',', claim.Deliveries.Select(d => d.Id)), consumer, ms);
        await Task.Delay(ms, ct); // wall-clock on purpose: a paused process's timers run out while it is stopped
    }
}

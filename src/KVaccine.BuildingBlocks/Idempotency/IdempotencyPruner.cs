using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>Forgets idempotency keys older than <c>Idempotency:RetentionHours</c>, hourly.</summary>
public sealed class IdempotencyPruner(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, WriteGate writers, ILogger<IdempotencyPruner> logger)
    : PeriodicPruner(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string What => "idempotency keys";

    public override async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = Clock.GetUtcNow().AddHours(-options.Value.RetentionHours).ToUnixTimeMilliseconds();
        await using var scope = scopes.CreateAsyncScope();
        using var turn = await writers.EnterAsync(ct);
        return await scope.ServiceProvider.GetRequiredService<IdempotencyDbContext>().Requests
            .Where(r => r.CreatedAtMs < cutoff)
            .ExecuteDeleteAsync(ct);
    }
}

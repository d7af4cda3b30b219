using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Keeps the outbox bounded: deliveries delivered longer ago than the retention are deleted, then messages with no
/// delivery left. Pending and dead-lettered rows are never pruned.
/// </summary>
public sealed class OutboxPruner(
    IServiceScopeFactory scopes,
    IOptionsMonitor<OutboxOptions> options,
    TimeProvider clock,
    WriteGate writers,
    ILogger<OutboxPruner> logger) : PeriodicPruner(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.CurrentValue.PruneIntervalSeconds);

    protected override string What => "the outbox";

    /// <summary>
    /// Deletes delivered rows older than the retention, and then messages left with no deliveries, a chunk per
    /// statement: each chunk is a short turn at the write lock, so a large backlog of old rows never stalls the writers.
    /// </summary>
    public override async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = Clock.GetUtcNow().AddHours(-options.CurrentValue.RetentionHours).ToUnixTimeMilliseconds();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        var statements = OutboxStatements.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        var deliveries = await InChunksAsync(db, statements.PruneDeliveries, cutoff, ct);
        var messages = await InChunksAsync(db, statements.PruneMessages, cutoff, ct);
        if (deliveries + messages > 0)
            logger.LogInformation("Pruned {Deliveries} delivered rows and {Messages} messages from the outbox", deliveries, messages);
        return deliveries + messages;
    }

    private const int ChunkSize = 2_000;

    private async Task<int> InChunksAsync(OutboxDbContext db, string statement, long cutoff, CancellationToken ct)
    {
        await using var delete = OutboxSql.Command(db.Database.GetDbConnection(), null, statement, "@cutoff", "@chunk");
        OutboxSql.Bind(delete, cutoff, ChunkSize);
        var total = 0;
        int deleted;
        do
        {
            using (await writers.EnterAsync(ct)) deleted = await delete.ExecuteNonQueryAsync(ct);
            total += deleted;
        }
        while (deleted == ChunkSize);
        return total;
    }
}

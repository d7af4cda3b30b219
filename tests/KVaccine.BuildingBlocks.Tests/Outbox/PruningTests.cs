using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 9: delivered rows go after the retention; pending and dead-lettered rows stay.</summary>
public abstract class PruningTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task Delivered_rows_past_the_retention_are_pruned_and_pending_ones_kept()
    {
        await using var host = await _database.StartAsync(new Faults(), new Dictionary<string, string?>
        {
            ["Outbox:RetentionHours"] = "0",
            ["Modules:Beta:Enabled"] = "false",
        });
        await host.PublishAsync(new ItemCreated(1, "k1"));
        host.Toggle("Beta", true);
        await Poll.UntilAsync(async () => (await host.BetaAsync()).Count == 1, "Beta applied the first");
        host.Toggle("Beta", false);
        await host.PublishAsync(new ItemCreated(2, "k2"));
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 2, "Alpha applied both");

        var pruned = await host.Services.GetRequiredService<OutboxPruner>().PruneAsync(default);

        pruned.Should().Be(4, "three delivered rows and the first message, whose deliveries are all gone");
        var left = await host.QueryOutboxAsync(db => db.Deliveries.Include(d => d.Message).ToListAsync());
        left.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Consumer = "Beta", Status = DeliveryStatus.Pending });
        left[0].Message.CorrelationKey.Should().Be("k2");
    }
}

public sealed class PruningTests : PruningTests<SqliteOutboxDatabase>;

public sealed class PruningTestsOnPostgreSql : PruningTests<PostgreSqlOutboxDatabase>;

using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>
/// A consumer applies what it claimed as one batch, in one scope and one commit. The rules hold inside a batch:
/// a failure costs only its own delivery an attempt, and nothing is applied twice.
/// </summary>
public abstract class BatchTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task A_throwing_handler_in_a_batch_costs_only_its_own_delivery_an_attempt()
    {
        _faults.On("Alpha", (e, _) => e.Seq == 4 ? throw new InvalidOperationException("poison") : Task.CompletedTask);
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Modules:Alpha:Enabled"] = "false" });
        for (var i = 1; i <= 10; i++) await host.PublishAsync(new ItemCreated(i, $"k{i}"));

        host.Toggle("Alpha", enabled: true); // its ten deliveries are claimed as one batch

        await Poll.UntilAsync(async () => await host.QueryOutboxAsync(db => db.Deliveries.AnyAsync(d => d.Status == DeliveryStatus.DeadLettered)), "the poison was dead-lettered");
        var applied = await host.AlphaAsync();
        applied.Select(a => a.Seq).Should().BeEquivalentTo(Enumerable.Range(1, 10).Where(i => i != 4), "every other event was applied, once");
        var dead = await host.QueryOutboxAsync(db => db.Deliveries.SingleAsync(d => d.Status == DeliveryStatus.DeadLettered));
        dead.Attempts.Should().Be(4);
        _faults.AttemptsOf("Alpha", 4).Should().Be(4, "each attempt the batch made counts");
        (await host.QueryOutboxAsync(db => db.Deliveries.CountAsync(d => d.Consumer == "Alpha" && d.Status == DeliveryStatus.Delivered))).Should().Be(9);
    }

    [DatabaseFact]
    public async Task A_backlog_larger_than_a_batch_is_claimed_again_at_once_not_at_the_next_poll()
    {
        // The host polls once a minute (OutboxHost), and nothing is committed after the switch: only claiming again
        // straight after a full batch explains a prompt catch-up.
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?>
        {
            ["Modules:Alpha:Enabled"] = "false",
            ["Outbox:BatchSize"] = "2",
        });
        for (var i = 1; i <= 7; i++) await host.PublishAsync(new ItemCreated(i, $"k{i}"));

        host.Toggle("Alpha", enabled: true);

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 7, "all seven applied, two at a time");
    }

    [DatabaseFact]
    public async Task A_batch_whose_save_fails_is_applied_one_by_one()
    {
        _faults.Unsavable("Alpha", 3);
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Modules:Alpha:Enabled"] = "false" });
        for (var i = 1; i <= 6; i++) await host.PublishAsync(new ItemCreated(i, $"k{i}"));

        host.Toggle("Alpha", enabled: true);

        var dead = await Poll.ForAsync(
            () => host.QueryOutboxAsync(db => db.Deliveries.Include(d => d.Message).Where(d => d.Status == DeliveryStatus.DeadLettered).ToListAsync()),
            rows => rows.Count == 1, "the unsavable delivery was dead-lettered");
        dead[0].Message.Payload.Should().Contain("\"seq\":3");
        dead[0].LastError.Should().MatchRegex("(?i)not.null", "the error says which constraint (SQLite: NOT NULL, PostgreSQL: not-null)");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().BeEquivalentTo([1, 2, 4, 5, 6], "the others were saved, once each");
    }
}

public sealed class BatchTests : BatchTests<SqliteOutboxDatabase>;

public sealed class BatchTestsOnPostgreSql : BatchTests<PostgreSqlOutboxDatabase>;

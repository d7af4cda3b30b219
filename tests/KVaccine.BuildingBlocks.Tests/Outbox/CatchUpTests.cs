using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 4: a consumer that was off gets everything it missed, in order, once it is back on.</summary>
public abstract class CatchUpTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task A_consumer_switched_back_on_at_runtime_catches_up_in_order()
    {
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Modules:Beta:Enabled"] = "false" });
        for (var i = 1; i <= 20; i++) await host.PublishAsync(new ItemCreated(i, $"k{i % 3}"));
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 20, "Alpha applied all");
        (await host.BetaAsync()).Should().BeEmpty();

        host.Toggle("Beta", enabled: true);

        // The poll interval is a minute: only the toggle's wake-up can explain a catch-up within the timeout.
        await Poll.UntilAsync(async () => (await host.BetaAsync()).Count == 20, "Beta caught up", TimeSpan.FromSeconds(10));
        (await host.BetaAsync()).Select(a => a.Seq).Should().Equal(Enumerable.Range(1, 20));
    }

    [DatabaseFact]
    public async Task A_consumer_that_was_off_catches_up_after_a_restart()
    {
        await using (var first = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Modules:Beta:Enabled"] = "false" }))
        {
            for (var i = 1; i <= 10; i++) await first.PublishAsync(new ItemCreated(i, "same-key"));
            await Poll.UntilAsync(async () => (await first.AlphaAsync()).Count == 10, "Alpha applied all");
        }

        await using var second = await _database.StartAsync(_faults);

        await Poll.UntilAsync(async () => (await second.BetaAsync()).Count == 10, "Beta caught up after the restart");
        (await second.BetaAsync()).Select(a => a.Seq).Should().Equal(Enumerable.Range(1, 10));
        (await second.AlphaAsync()).Should().HaveCount(10, "Alpha had them all already and gets none again");
    }
}

public sealed class CatchUpTests : CatchUpTests<SqliteOutboxDatabase>;

public sealed class CatchUpTestsOnPostgreSql : CatchUpTests<PostgreSqlOutboxDatabase>;

using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 3: a consumer that is off, slow or failing never delays the others.</summary>
public abstract class IndependenceTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task A_switched_off_consumer_does_not_hold_up_the_others()
    {
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Modules:Beta:Enabled"] = "false" });

        await host.PublishAsync(new ItemCreated(1, "k"), new ItemCreated(2, "k"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 2, "Alpha applied both", TimeSpan.FromSeconds(5));
        (await host.BetaAsync()).Should().BeEmpty();
    }

    [DatabaseFact]
    public async Task A_slow_consumer_does_not_hold_up_the_others()
    {
        var stuck = new TaskCompletionSource();
        _faults.On("Beta", (_, _) => stuck.Task);
        await using var host = await _database.StartAsync(_faults);

        await host.PublishAsync(new ItemCreated(1, "k"));
        await Poll.UntilAsync(() => _faults.AttemptsOf("Beta", 1) == 1, "Beta is stuck in its first delivery");
        await host.PublishAsync(new ItemCreated(2, "other"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 2, "Alpha applied both while Beta is stuck", TimeSpan.FromSeconds(5));
        (await host.BetaAsync()).Should().BeEmpty();
        stuck.SetResult();
        await Poll.UntilAsync(async () => (await host.BetaAsync()).Count == 2, "Beta caught up once unstuck");
    }

    [DatabaseFact]
    public async Task A_failing_consumer_does_not_hold_up_the_others()
    {
        _faults.On("Beta", (_, _) => throw new InvalidOperationException("Beta is broken"));
        await using var host = await _database.StartAsync(_faults);

        for (var i = 0; i < 5; i++) await host.PublishAsync(new ItemCreated(i, $"k{i}"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 5, "Alpha applied all five", TimeSpan.FromSeconds(5));
        (await host.BetaAsync()).Should().BeEmpty();
    }
}

public sealed class IndependenceTests : IndependenceTests<SqliteOutboxDatabase>;

public sealed class IndependenceTestsOnPostgreSql : IndependenceTests<PostgreSqlOutboxDatabase>;

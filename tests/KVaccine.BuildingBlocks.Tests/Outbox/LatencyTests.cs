using System.Diagnostics;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Xunit.Abstractions;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 7: a commit wakes the dispatcher; polling (here once a minute) is only the fallback.</summary>
public abstract class LatencyTests<TDatabase>(ITestOutputHelper output) : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task A_commit_wakes_the_dispatcher_instead_of_waiting_for_the_poll()
    {
        await using var host = await _database.StartAsync(new Faults(), new Dictionary<string, string?> { ["Outbox:PollIntervalMs"] = "600000" });
        await host.PublishAsync(new ItemCreated(0, "warm-up"));
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "warmed up");

        var watch = Stopwatch.StartNew();
        await host.PublishAsync(new ItemCreated(1, "k"));
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 2, "delivered", TimeSpan.FromSeconds(5));

        output.WriteLine($"commit to applied (incl. polling the probe): {watch.Elapsed.TotalMilliseconds:0.0} ms");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the poll interval is ten minutes, so only the wake-up delivers it");
    }
}

public sealed class LatencyTests(ITestOutputHelper output) : LatencyTests<SqliteOutboxDatabase>(output);

public sealed class LatencyTestsOnPostgreSql(ITestOutputHelper output) : LatencyTests<PostgreSqlOutboxDatabase>(output);

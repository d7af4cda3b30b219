using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Graceful stop: a delivery in flight when the host is told to stop runs to its end, applied once.</summary>
public abstract class ShutdownTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task Stopping_waits_for_the_delivery_in_flight_which_is_applied_once()
    {
        var gate = new TaskCompletionSource();
        _faults.On("Alpha", (_, _) => gate.Task);
        var host = await _database.StartAsync(_faults);
        await host.PublishAsync(new ItemCreated(1, "k"));
        await Poll.UntilAsync(() => _faults.AttemptsOf("Alpha", 1) == 1, "Alpha is in the middle of the delivery");

        var stopping = host.StopAsync();
        stopping.IsCompleted.Should().BeFalse("the host waits for the delivery in flight");
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        (await host.AlphaAsync()).Should().ContainSingle();
        (await host.QueryOutboxAsync(db => db.Deliveries.SingleAsync(d => d.Consumer == "Alpha"))).Status.Should().Be(DeliveryStatus.Delivered);
        await host.DisposeAsync();

        await using var restarted = await _database.StartAsync(new Faults());
        await restarted.PublishAsync(new ItemCreated(2, "k"));
        await Poll.UntilAsync(async () => (await restarted.AlphaAsync()).Count == 2, "the next event was applied after the restart");
        (await restarted.AlphaAsync()).Select(a => a.Seq).Should().Equal(1, 2);
    }
}

public sealed class ShutdownTests : ShutdownTests<SqliteOutboxDatabase>;

public sealed class ShutdownTestsOnPostgreSql : ShutdownTests<PostgreSqlOutboxDatabase>;

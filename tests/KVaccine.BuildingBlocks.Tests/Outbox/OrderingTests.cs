using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 5: per consumer, one key's events are handled in commit order, even across retries; other keys flow.</summary>
public abstract class OrderingTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task Events_of_one_key_wait_for_an_earlier_one_being_retried_while_other_keys_pass()
    {
        var firstMayPass = new TaskCompletionSource();
        _faults.On("Alpha", async (e, attempt) =>
        {
            if (e.Seq == 1 && !firstMayPass.Task.IsCompleted) throw new InvalidOperationException($"attempt {attempt} fails");
            await Task.CompletedTask;
        });
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "100" });

        await host.PublishAsync(new ItemCreated(1, "booking-A"));
        await host.PublishAsync(new ItemCreated(2, "booking-A"));
        await host.PublishAsync(new ItemCreated(3, "booking-B"));
        await host.PublishAsync(new ItemCreated(4, "booking-A"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Any(a => a.Seq == 3), "the other key went through");
        await Poll.UntilAsync(() => _faults.AttemptsOf("Alpha", 1) >= 3, "the first event was retried");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().Equal(3);
        _faults.AttemptsOf("Alpha", 2).Should().Be(0, "it must wait for the first event of its key");

        firstMayPass.SetResult();

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 4, "all four applied");
        (await host.AlphaAsync()).Where(a => a.Key == "booking-A").Select(a => a.Seq).Should().Equal(1, 2, 4);
    }
}

public sealed class OrderingTests : OrderingTests<SqliteOutboxDatabase>;

public sealed class OrderingTestsOnPostgreSql : OrderingTests<PostgreSqlOutboxDatabase>;

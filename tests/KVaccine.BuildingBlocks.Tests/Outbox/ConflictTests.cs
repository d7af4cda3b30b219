using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>
/// A consumer's save that loses a race with another writer (a request changed a row its handler read) is applied
/// again at once on fresh state: a conflict is not a fault to back off from. Retries here wait ten minutes, so a
/// delivery that took the backoff path would not arrive within the test.
/// </summary>
public abstract class ConflictTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    private Task<OutboxHost> StartAsync() => _database.StartAsync(_faults, new Dictionary<string, string?>
    {
        ["Outbox:RetryBaseDelayMs"] = "600000",
        ["Outbox:MaxRetryDelayMs"] = "600000",
    });

    [DatabaseFact]
    public async Task A_save_that_loses_a_race_is_applied_again_at_once_and_not_counted_as_a_failed_attempt()
    {
        _faults.Conflicting("Alpha", seq: 1, times: 2);
        await using var host = await StartAsync();

        await host.PublishAsync(new ItemCreated(1, "k"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "Alpha applied the event");
        _faults.AttemptsOf("Alpha", 1).Should().Be(3, "applied twice into a conflict, then once more");
        var delivery = await host.QueryOutboxAsync(db => db.Deliveries.SingleAsync(d => d.Consumer == "Alpha"));
        delivery.Status.Should().Be(DeliveryStatus.Delivered);
        delivery.Attempts.Should().Be(1, "no failed attempt was recorded");
        delivery.LastError.Should().BeNull();
        (await host.AlphaAsync()).Should().ContainSingle().Which.Seq.Should().Be(1);
        host.Logs.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null)
            .Should().BeEmpty("a lost race is an expected outcome: neither an error nor a stack trace");
    }

    [DatabaseFact]
    public async Task A_save_whose_insert_another_writer_made_first_is_applied_again_at_once_and_not_counted_as_a_failed_attempt()
    {
        _faults.Duplicating("Alpha", seq: 2, times: 2);
        await using var host = await StartAsync();
        await host.PublishAsync(new ItemCreated(1, "a"));
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "Alpha applied the first event");

        await host.PublishAsync(new ItemCreated(2, "b"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 2, "Alpha applied the second event");
        _faults.AttemptsOf("Alpha", 2).Should().Be(3, "applied twice into a taken key, then once more");
        var delivery = await host.QueryOutboxAsync(db => db.Deliveries.SingleAsync(d => d.Consumer == "Alpha" && d.CorrelationKey == "b"));
        delivery.Attempts.Should().Be(1, "no failed attempt was recorded");
        delivery.LastError.Should().BeNull();
        (await host.AlphaAsync()).Select(a => a.Seq).Should().BeEquivalentTo([1, 2]);
        host.Logs.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).Select(e => e.ToString())
            .Should().BeEmpty("a lost race is an expected outcome: neither an error nor a stack trace");
    }

    [DatabaseFact]
    public async Task A_conflict_that_keeps_coming_back_becomes_a_failed_attempt_the_operator_sees_retrying()
    {
        _faults.Conflicting("Alpha", seq: 1, times: 10);
        await using var host = await StartAsync();

        await host.PublishAsync(new ItemCreated(1, "k"));

        var retry = await Poll.ForAsync(host.StatusAsync, status => status.Retrying.Count == 1, "the delivery waits for its retry");
        retry.Retrying[0].Should().BeEquivalentTo(new { Consumer = "Alpha", CorrelationKey = "k", Attempts = 1 });
        retry.Retrying[0].LastError.Should().StartWith(nameof(DbUpdateConcurrencyException));
        retry.Retrying[0].NextAttemptAt.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(5));
        _faults.AttemptsOf("Alpha", 1).Should().Be(4, "three conflicts applied again at once, the fourth counted");
        (await host.AlphaAsync()).Should().BeEmpty();
    }
}

public sealed class ConflictTests : ConflictTests<SqliteOutboxDatabase>;

public sealed class ConflictTestsOnPostgreSql : ConflictTests<PostgreSqlOutboxDatabase>;

using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 2: every consumer gets each event at least once and applies it once.</summary>
public abstract class OnceTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task Every_subscribed_consumer_applies_every_event_once()
    {
        await using var host = await _database.StartAsync(_faults);

        for (var i = 0; i < 50; i++) await host.PublishAsync(new ItemCreated(i, $"k{i % 7}"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count >= 50 && (await host.BetaAsync()).Count >= 50, "both consumers applied all 50");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().BeEquivalentTo(Enumerable.Range(0, 50));
        (await host.BetaAsync()).Select(a => a.Seq).Should().BeEquivalentTo(Enumerable.Range(0, 50));
        (await host.QueryOutboxAsync(db => db.Deliveries.CountAsync(d => d.Status != DeliveryStatus.Delivered))).Should().Be(0);
    }

    [DatabaseFact]
    public async Task A_redelivery_after_a_failed_attempt_does_not_apply_the_event_twice()
    {
        // The handler records the event and then throws: the record must roll back with the failed attempt.
        _faults.On("Alpha", (_, attempt) => attempt < 3 ? throw new InvalidOperationException("transient") : Task.CompletedTask);
        await using var host = await _database.StartAsync(_faults);

        await host.PublishAsync(new ItemCreated(1, "k"));

        await Poll.UntilAsync(async () => await host.QueryOutboxAsync(db => db.Deliveries.AnyAsync(d => d.Consumer == "Alpha" && d.Status == DeliveryStatus.Delivered)),
            "Alpha's delivery succeeded");
        _faults.AttemptsOf("Alpha", 1).Should().Be(3);
        (await host.AlphaAsync()).Should().ContainSingle(a => a.Seq == 1);
    }

    [DatabaseFact]
    public async Task A_dispatcher_whose_lease_ran_out_cannot_complete_what_another_took_over()
    {
        // Two hosts share the file. Host A's Alpha is slow past its lease; host B takes the delivery over and applies
        // it. When A finally saves, its completion no longer matches the claim and all of A's work rolls back.
        var shared = new Dictionary<string, string?> { ["Outbox:LeaseSeconds"] = "1", ["Outbox:SharedDatabase"] = "true", ["Outbox:PollIntervalMs"] = "100" };
        var (a, release) = await StartHostStuckInAlphaAsync(shared);
        await using var _ = a;

        await using var b = await _database.StartAsync(_faults, shared);
        await Poll.UntilAsync(() => _faults.AttemptsOf("Alpha", 1) == 1, "host B took the delivery over after the lease ran out");
        await Poll.UntilAsync(async () => (await b.AlphaAsync()).Count == 1, "host B applied it");
        release.SetResult();

        await Poll.UntilAsync(async () => await a.QueryOutboxAsync(db => db.Deliveries.AnyAsync(d => d.Consumer == "Alpha" && d.Status == DeliveryStatus.Delivered)), "delivered");
        await a.StopAsync(); // host A's in-flight save has finished (and failed) once it has stopped
        (await b.AlphaAsync()).Should().ContainSingle();
        LostTheClaimQuietly(a);
    }

    [DatabaseFact(SqliteOnly = true)]
    public async Task A_second_host_started_by_mistake_on_a_file_one_host_serves_cannot_apply_an_event_twice()
    {
        // Without SharedDatabase a claim takes no lease, so host B finds the delivery host A is still applying. Only
        // one completion can match the pending row: B's commits, A's rolls back with everything it applied.
        var alone = new Dictionary<string, string?> { ["Outbox:PollIntervalMs"] = "100" };
        var (a, release) = await StartHostStuckInAlphaAsync(alone);
        await using var _ = a;

        await using var b = await _database.StartAsync(_faults, alone);
        await Poll.UntilAsync(async () => await b.QueryOutboxAsync(db => db.Deliveries.AnyAsync(d => d.Consumer == "Alpha" && d.Status == DeliveryStatus.Delivered)), "host B delivered it");
        release.SetResult();
        await a.StopAsync(); // host A's in-flight save has finished (and failed) once it has stopped

        (await b.AlphaAsync()).Should().ContainSingle();
        (await b.QueryOutboxAsync(db => db.Deliveries.SingleAsync(d => d.Consumer == "Alpha"))).Attempts.Should().Be(1);
        LostTheClaimQuietly(a);
    }

    /// <summary>Losing a delivery to another dispatcher is an expected outcome: said at Information, without a stack trace.</summary>
    private static void LostTheClaimQuietly(OutboxHost host)
    {
        host.Logs.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).Should().BeEmpty();
        host.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Information && e.Message.Contains("another dispatcher"));
    }

    [DatabaseFact(SqliteOnly = true)]
    public async Task A_lease_left_by_a_host_that_died_is_dropped_when_one_host_serves_the_file_again()
    {
        await using (var died = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Outbox:DispatcherEnabled"] = "false" }))
        {
            await died.PublishAsync(new ItemCreated(1, "k"));
            // As a host sharing the file would have left it, had it died applying the event: leased for an hour.
            var anHourOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            await died.QueryOutboxAsync(db => db.Deliveries.Where(d => d.Consumer == "Alpha")
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LockToken, "dead-host").SetProperty(d => d.LockedUntilMs, anHourOn)));
        }

        await using var host = await _database.StartAsync(_faults);

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "Alpha applied the event without waiting for the lease to run out");
    }

    /// <summary>Host A, applying event 1 to Alpha and held there until <c>release</c> is set.</summary>
    private async Task<(OutboxHost Host, TaskCompletionSource Release)> StartHostStuckInAlphaAsync(Dictionary<string, string?> settings)
    {
        var release = new TaskCompletionSource();
        var slowFaults = new Faults();
        slowFaults.On("Alpha", (_, _) => release.Task);
        var host = await _database.StartAsync(slowFaults, settings);
        await host.PublishAsync(new ItemCreated(1, "k"));
        await Poll.UntilAsync(() => slowFaults.AttemptsOf("Alpha", 1) == 1, "host A started on the delivery");
        return (host, release);
    }
}

public sealed class OnceTests : OnceTests<SqliteOutboxDatabase>;

public sealed class OnceTestsOnPostgreSql : OnceTests<PostgreSqlOutboxDatabase>;

using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 6: a throwing handler is retried with exponential backoff, then dead-lettered; replay delivers it once.</summary>
public abstract class FailureTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task A_failing_delivery_is_retried_with_growing_delays_then_dead_lettered_while_everything_else_goes_on()
    {
        var broken = true;
        _faults.On("Alpha", (e, _) => e.Seq == 1 && broken ? throw new InvalidOperationException("vaccine type unknown") : Task.CompletedTask);
        await using var host = await _database.StartAsync(_faults); // 4 attempts, 20 ms doubling

        await host.PublishAsync(new ItemCreated(1, "poison"));
        await host.PublishAsync(new ItemCreated(2, "other"));
        await host.PublishAsync(new ItemCreated(3, "poison"));

        var dead = await Poll.ForAsync(
            () => host.QueryOutboxAsync(db => db.Deliveries.Where(d => d.Status == DeliveryStatus.DeadLettered).ToListAsync()),
            rows => rows.Count == 1, "the poison delivery was dead-lettered");
        dead[0].Consumer.Should().Be("Alpha");
        dead[0].Attempts.Should().Be(4);
        dead[0].LastError.Should().Contain("vaccine type unknown");
        _faults.AttemptsOf("Alpha", 1).Should().Be(4);

        var times = _faults.CallTimes("Alpha", 1);
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        gaps.Should().HaveCount(3);
        gaps[0].Should().BeGreaterThanOrEqualTo(18);
        gaps[1].Should().BeGreaterThanOrEqualTo(38);
        gaps[2].Should().BeGreaterThanOrEqualTo(78);

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "the other key's event was applied");
        await Poll.UntilAsync(async () => (await host.BetaAsync()).Count == 3, "Beta, which never failed, applied all three");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().Equal([2], "the poison key's later event waits for the dead letter");

        broken = false;
        await using (var scope = host.Services.CreateAsyncScope())
            (await OutboxHost.Administration(scope.ServiceProvider).ReplayAsync(dead[0].Id, default)).Should().BeTrue();
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 3, "the replay and the key's later event were applied");
        (await host.AlphaAsync()).Where(a => a.Key == "poison").Select(a => a.Seq).Should().Equal(1, 3);
    }

    [DatabaseFact]
    public async Task The_operator_sees_backlog_and_dead_letters_and_a_replay_applies_the_event_once()
    {
        var broken = true;
        _faults.On("Alpha", (_, _) => broken ? throw new InvalidOperationException("downstream is down") : Task.CompletedTask);
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Modules:Beta:Enabled"] = "false" });
        await host.PublishAsync(new ItemCreated(1, "k"));
        await Poll.UntilAsync(async () => await host.QueryOutboxAsync(db => db.Deliveries.AnyAsync(d => d.Status == DeliveryStatus.DeadLettered)), "dead-lettered");

        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var status = await host.StatusAsync();
        status.Consumers.Should().ContainEquivalentOf(new { Consumer = "Alpha", Enabled = true, Backlog = 0, DeadLetters = 1 });
        status.Consumers.Single(c => c.Consumer == "Beta").Should().BeEquivalentTo(new { Enabled = false, Backlog = 1, DeadLetters = 0 });
        status.Consumers.Single(c => c.Consumer == "Beta").OldestPendingAgeSeconds.Should().BeGreaterThanOrEqualTo(0);
        var deadLetter = status.DeadLetters.Should().ContainSingle().Subject;
        deadLetter.LastError.Should().Contain("downstream is down");

        broken = false;
        (await OutboxHost.Administration(services).ReplayAsync(deadLetter.Id, default)).Should().BeTrue("a dead letter is replayed");
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "the replay was applied");

        (await OutboxHost.Administration(services).ReplayAsync(deadLetter.Id, default)).Should().BeFalse("it is no longer a dead letter");
        (await host.AlphaAsync()).Should().ContainSingle();
    }
}

public sealed class FailureTests : FailureTests<SqliteOutboxDatabase>;

public sealed class FailureTestsOnPostgreSql : FailureTests<PostgreSqlOutboxDatabase>;

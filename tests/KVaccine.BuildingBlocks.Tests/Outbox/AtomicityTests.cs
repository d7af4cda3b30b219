using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.BuildingBlocks.Tests.TestModules.Publisher;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 1: a state change and its events commit together, or not at all.</summary>
public abstract class AtomicityTests<TDatabase> : IDisposable where TDatabase : OutboxDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [DatabaseFact]
    public async Task State_and_its_events_are_written_in_one_commit()
    {
        await using var host = await _database.StartAsync(_faults);

        await host.PublishAsync(new ItemCreated(1, "k1"));

        var message = await host.QueryOutboxAsync(db => db.Messages.Include(m => m.Deliveries).SingleAsync());
        message.Publisher.Should().Be("Publisher");
        message.CorrelationKey.Should().Be("k1");
        message.Payload.Should().Contain("\"seq\":1").And.NotContain("correlationKey");
        message.Deliveries.Select(d => d.Consumer).Should().BeEquivalentTo("Alpha", "Beta");
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1 && (await host.BetaAsync()).Count == 1, "both consumers applied it");
    }

    [DatabaseFact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        await using var host = await _database.StartAsync(_faults);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Items.Add(new Item { Seq = 1 });
            db.Raise(new ItemCreated(1, "k"));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        // A later event on the same key is delivered; had the rolled-back one been written, it would come first.
        await host.PublishAsync(new ItemCreated(2, "k"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "the committed event was applied");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().Equal(2);
        (await host.QueryOutboxAsync(db => db.Messages.CountAsync())).Should().Be(1);
    }

    [DatabaseFact]
    public async Task Events_raised_by_a_unit_of_work_that_never_saved_are_not_written_by_the_next_user_of_its_pooled_context()
    {
        await using var host = await _database.StartAsync(_faults);
        Guid abandoned;
        var afterCommitRan = false;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // A request that raised an event and failed before saving.
            var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
            abandoned = db.ContextId.InstanceId;
            db.Items.Add(new Item { Seq = 1 });
            db.Raise(new ItemCreated(1, "k"));
            db.AfterCommit(() => afterCommitRan = true);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
            db.ContextId.InstanceId.Should().Be(abandoned, "the pool hands the same instance to the next scope");
            db.Items.Add(new Item { Seq = 2 });
            db.Raise(new ItemCreated(2, "k"));
            await db.SaveChangesAsync();
        }

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "the saved event was applied");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().Equal(2);
        (await host.QueryOutboxAsync(db => db.Messages.CountAsync())).Should().Be(1);
        afterCommitRan.Should().BeFalse("the abandoned unit of work never committed");
    }

    [DatabaseFact]
    public async Task Events_committed_while_no_dispatcher_runs_are_delivered_after_a_restart()
    {
        await using (var first = await _database.StartAsync(_faults, new Dictionary<string, string?> { ["Outbox:DispatcherEnabled"] = "false" }))
        {
            await first.PublishAsync(new ItemCreated(1, "a"), new ItemCreated(2, "b"));
            (await first.AlphaAsync()).Should().BeEmpty();
        }

        await using var second = await _database.StartAsync(_faults);

        await Poll.UntilAsync(async () => (await second.AlphaAsync()).Count == 2 && (await second.BetaAsync()).Count == 2, "the new host delivered both");
        (await second.AlphaAsync()).Select(a => a.Seq).Should().Equal(1, 2);
    }
}

public sealed class AtomicityTests : AtomicityTests<SqliteOutboxDatabase>;

public sealed class AtomicityTestsOnPostgreSql : AtomicityTests<PostgreSqlOutboxDatabase>;

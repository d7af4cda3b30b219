using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.BuildingBlocks.Tests.TestModules.Publisher;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>
/// Rule 5 where writers run side by side (PostgreSQL): two transactions can take ids in one order and commit in the
/// other, and a key's later event must still never be applied before its earlier one.
/// </summary>
public sealed class CommitOrderOnPostgreSql : IDisposable
{
    private readonly Faults _faults = new();
    private readonly string _database = PostgreSqlServer.Unavailable is null ? PostgreSqlServer.CreateDatabase() : "";

    public void Dispose()
    {
        if (_database.Length > 0) PostgreSqlServer.DropDatabase(_database);
    }

    [DatabaseFact]
    public async Task A_key_s_event_committed_after_a_later_id_of_the_same_key_is_still_applied_first()
    {
        await using var host = await OutboxHost.StartOnPostgreSqlAsync(_database, _faults);

        // The first transaction writes the key's first event, then holds its commit.
        await using var firstScope = host.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<PublisherDbContext>();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.Items.Add(new Item { Seq = 1 });
        first.Raise(new ItemCreated(1, "booking-A"));
        await first.SaveChangesAsync();

        // A second transaction writes the same key's next event and commits as soon as it may.
        var second = Task.Run(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
            db.Items.Add(new Item { Seq = 2 });
            db.Raise(new ItemCreated(2, "booking-A"));
            await db.SaveChangesAsync();
        });
        // Either it waits for the first (the key is held), or it has committed and a consumer could take its event.
        await Poll.UntilAsync(async () => await WaitsForTheKeyAsync() || second.IsCompleted && (await host.AlphaAsync()).Count > 0,
            "the second transaction waits for the key, or its event was applied");

        await transaction.CommitAsync();
        await second;
        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 2 && (await host.BetaAsync()).Count == 2, "both applied by both consumers");
        (await host.AlphaAsync()).Select(a => a.Seq).Should().Equal([1, 2], "the key's events are applied in commit order");
        (await host.BetaAsync()).Select(a => a.Seq).Should().Equal([1, 2]);
    }

    private async Task<bool> WaitsForTheKeyAsync()
    {
        await using var db = new NpgsqlConnection(_database);
        await db.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", db);
        return (long)(await waiting.ExecuteScalarAsync())! > 0;
    }
}

using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.BuildingBlocks.Tests.TestModules.Publisher;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KVaccine.BuildingBlocks.Tests.Persistence;

/// <summary>
/// A PostgreSQL server that cuts a host's connections (an operator's pg_terminate_backend, a failover, a proxy's
/// reset) fails whatever was in flight on them; wherever the cut lands, the failure is the storage's (a 503 with
/// Retry-After), never a bug's 500.
/// </summary>
public sealed class ConnectionsCutOnPostgreSql : IDisposable
{
    private readonly Faults _faults = new();
    private readonly string _database = PostgreSqlServer.Unavailable is null ? PostgreSqlServer.CreateDatabase() : "";

    public void Dispose()
    {
        if (_database.Length > 0) PostgreSqlServer.DropDatabase(_database);
    }

    [DatabaseFact]
    public async Task A_cut_before_a_save_while_a_transaction_is_open_or_before_its_commit_is_a_storage_failure()
    {
        await using var host = await OutboxHost.StartOnPostgreSqlAsync(_database, _faults);
        var failures = new List<Exception>();

        // Idle in the pool when cut: the next save finds the connection dead, unless the pool was emptied meanwhile
        // (the dispatcher met the cut first and reported it, which clears the pool).
        await SaveAsync(host, db => db.Items.Add(new Item { Seq = 1 }));
        await CutAsync();
        if (await FailureAsync(() => SaveAsync(host, db => { db.Items.Add(new Item { Seq = 2 }); db.Raise(new ItemCreated(2, "cut-idle")); })) is { } idle)
            failures.Add(idle);

        // Cut inside a transaction, between its statements and before its commit.
        foreach (var beforeCommit in new[] { false, true })
        {
            failures.Add(await FailureAsync(async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Items.Add(new Item { Seq = 3 });
                db.Raise(new ItemCreated(3, "cut-open"));
                if (!beforeCommit) await CutAsync();
                await db.SaveChangesAsync();
                if (beforeCommit) await CutAsync();
                await transaction.CommitAsync();
            }) ?? throw new InvalidOperationException("A transaction whose connection was cut committed."));
        }

        foreach (var failure in failures)
            DatabaseErrors.StorageFailure(failure).Should().NotBeNull($"{failure.GetType().Name} ({failure.GetBaseException().GetType().Name}: {failure.GetBaseException().Message}) is the storage's failure");
        await SaveAsync(host, db => db.Items.Add(new Item { Seq = 4 })); // and the pool serves again
    }

    [DatabaseFact]
    public async Task Cuts_landing_anywhere_under_load_fail_requests_only_as_storage_failures()
    {
        await using var host = await OutboxHost.StartOnPostgreSqlAsync(_database, _faults);
        var unclassified = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var (saved, failed) = (0, 0);
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await SaveAsync(host, db => { db.Items.Add(new Item { Seq = i }); db.Raise(new ItemCreated(i, $"w{worker}-{i}")); });
                    await using var scope = host.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PublisherDbContext>().Items.CountAsync();
                    Interlocked.Increment(ref saved);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failed);
                    if (DatabaseErrors.StorageFailure(e) is null) unclassified.Add(e);
                }
            }
        })).ToList();
        try
        {
            // Each cut lands while the workers are somewhere in their saves; the next waits until some succeeded again.
            for (var cut = 0; cut < Cuts; cut++)
            {
                var before = Volatile.Read(ref saved);
                await Poll.UntilAsync(() => Volatile.Read(ref saved) > before + 8, "saves succeed again after a cut", TimeSpan.FromSeconds(30));
                await CutAsync();
            }
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(load);
        }
        failed.Should().BeGreaterThan(0, "the cuts failed saves in flight");
        unclassified.Select(e => e.ToString()).Should().BeEmpty();
    }

    private const int Cuts = 40;

    private static async Task SaveAsync(OutboxHost host, Action<PublisherDbContext> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
        change(db);
        await db.SaveChangesAsync();
    }

    /// <summary>Terminates every connection to the test's database but the one asking, as an operator would.</summary>
    private async Task CutAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
        await cut.ExecuteScalarAsync();
    }

    /// <summary>What <paramref name="action"/> threw, or null when it succeeded.</summary>
    private static async Task<Exception?> FailureAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            return e;
        }
        return null;
    }
}

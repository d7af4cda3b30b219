using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using KVaccine.BuildingBlocks.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Every query a citizen's journey runs (the requests, every delivery it causes, and pruning what it left in the outbox)
/// finds its rows through an index, so its cost does not grow with the number of citizens and bookings. The journey
/// runs the statements an index most easily misses: the claim's re-read of its rows by lock token, and a citizen's
/// bookings, which the filtered one-active-booking index does not serve.
/// Statements are taken from SQLite's own trace (with their parameters' values), so the outbox's SQL, which does not
/// go through EF, is checked as well. The only test of its class: it moves the host's clock a month on.
/// </summary>
public sealed class QueryPlanTests(KVaccineApp app) : IClassFixture<KVaccineApp>, IDisposable
{
    // One row per date and one per vaccine type: scanning them is reading them.
    private static readonly string[] SmallTables = ["reservation_slots", "stock_levels"];

    // Partial indexes of the outbox's rows still to be delivered: the backlog, not the history.
    private static readonly string[] BacklogIndexes = ["IX_outbox_deliveries_pending", "IX_outbox_deliveries_undelivered", "IX_outbox_deliveries_dead_letters"];

    private readonly Api _api = app.CreateApi();
    private readonly ConcurrentDictionary<string, bool> _queries = new();
    private readonly HashSet<sqlite3> _traced = [];
    private IDisposable? _subscription;
    private Listener? _listener;

    [Fact]
    public async Task Every_query_of_the_journey_uses_an_index()
    {
        _ = app.Server; // the host is built before we listen, so its start-up migrations are not counted
        _listener = new Listener(Trace);
        _subscription = DiagnosticListener.AllListeners.Subscribe(_listener);
        var citizen = Citizen.New();
        var other = Citizen.New();

        await _api.AvailableDatesAsync(citizen);
        // Tomorrow: a day's move of the clock makes it today, the one day an injection is taken.
        await _api.BookAsync(citizen, KVaccineApp.Tomorrow);
        await _api.BookAsync(other, app.FreshDate());
        await _api.SettledAsync();
        await _api.StatusOfAsync(citizen);
        (await _api.CancelAsync(other)).EnsureSuccessStatusCode();
        await _api.SettledAsync();
        await _api.HospitalBookingsAsync(KVaccineApp.Tomorrow);
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await _api.InjectAsync((await _api.StatusOfAsync(citizen)).UserId)).EnsureSuccessStatusCode();
        await _api.SettledAsync();
        app.Clock.Advance(TimeSpan.FromDays(30)); // the host's own pruner may get there first: its statements run either way
        await app.Services.GetRequiredService<OutboxPruner>().PruneAsync(default);
        Dispose();

        _queries.Should().NotBeEmpty();
        var scans = new List<string>();
        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile}");
        await db.OpenAsync();
        foreach (var sql in _queries.Keys)
        {
            await using var explain = db.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                var step = plan.GetString(3);
                if (step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("VIRTUAL TABLE") && !IsSubquery(sql, step)
                    && !SmallTables.Any(t => step.StartsWith($"SCAN {t}", StringComparison.Ordinal) || IsAliasOf(sql, step, t))
                    && !BacklogIndexes.Any(i => step.EndsWith($" INDEX {i}", StringComparison.Ordinal)))
                    scans.Add($"{step}  <=  {sql}");
            }
        }
        scans.Should().BeEmpty();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _listener?.Dispose();
        lock (_traced)
        {
            foreach (var handle in _traced.Where(h => !h.IsClosed))
            {
                try
                {
                    raw.sqlite3_trace(handle, (strdelegate_trace?)null, null);
                }
                catch (ObjectDisposedException)
                {
                    // The pool closed that connection meanwhile, and its trace with it.
                }
            }
            _traced.Clear();
        }
    }

    /// <summary>Records every statement run on the app's connections from now on (once per physical connection).</summary>
    private void Trace(DbConnection connection)
    {
        if (connection.DataSource != app.DatabaseFile || ((SqliteConnection)connection).Handle is not { } handle) return; // other test classes' hosts run beside this one
        lock (_traced)
        {
            if (_listener is null || !_traced.Add(handle)) return;
            raw.sqlite3_trace(handle, (object _, string statement) => Record(statement), null);
        }
    }

    private void Record(string statement)
    {
        var sql = statement.TrimStart();
        if (sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            _queries.TryAdd(sql, true);
    }

    // A subquery's rows are already found (by its own plan, checked on its own lines).
    private static bool IsSubquery(string sql, string step) => sql.Contains($") AS \"{Alias(step)}\"", StringComparison.Ordinal);

    private static string? Alias(string step) => step.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);

    // EF aliases tables ("reservation_slots" AS "r"); a plan names the alias.
    private static bool IsAliasOf(string sql, string step, string table)
    {
        var alias = Alias(step);
        return alias is not null && sql.Contains($"\"{table}\" AS \"{alias}\"", StringComparison.Ordinal);
    }

    private sealed class Listener(Action<DbConnection> opened) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void Dispose()
        {
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is ConnectionEndEventData { Connection: var connection } && e.Key == RelationalEventId.ConnectionOpened.Name) opened(connection);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}

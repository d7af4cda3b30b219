using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KVaccine.IntegrationTests;

/// <summary>
/// On PostgreSQL too, every query of a citizen's journey finds its rows through an index (see QueryPlanTests for the
/// journey). Statements are taken from Npgsql's own trace (its "Npgsql" activities, the outbox's SQL included) and
/// planned as PostgreSQL plans a prepared statement for any parameters (a generic plan), with sequential scans priced
/// out: a scan that is still chosen has no index to use. The only test of its class: it moves the host's clock on.
/// </summary>
public sealed class QueryPlanTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : IClassFixture<KVaccineAppOnPostgreSql>
{
    // One row per date and one per vaccine type: scanning them is reading them.
    private static readonly string[] SmallTables = ["reservation.slots", "stock.levels"];

    private static readonly Regex SeqScan = new(@"Seq Scan on ""?(\w+)""?\.""?(\w+)""?", RegexOptions.Compiled);
    private static readonly Regex Placeholder = new(@"\$(\d+)", RegexOptions.Compiled);
    private static readonly Regex Named = new(@"(?<![\w@])@(\w+)", RegexOptions.Compiled);
    private static readonly Regex From = new(@"\bFROM\b", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private readonly Api _api = app.CreateApi();
    private readonly ConcurrentDictionary<string, bool> _queries = new();

    [DatabaseFact]
    public async Task Every_query_of_the_journey_uses_an_index()
    {
        _ = app.Server; // the host is built before we listen, so its start-up migrations are not counted
        var database = new NpgsqlConnectionStringBuilder(app.PostgreSqlConnectionString).Database!;
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => Record(activity, database),
        })
        {
            ActivitySource.AddActivityListener(listener);
            var citizen = Citizen.New();
            var other = Citizen.New();
            await _api.AvailableDatesAsync(citizen);
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
            await _api.OutboxAsync();
            app.Clock.Advance(TimeSpan.FromDays(30));
            await app.Services.GetRequiredService<OutboxPruner>().PruneAsync(default);
        }

        // The journey's reads and writes, the outbox's claims, completions and pruning among them.
        _queries.Should().HaveCountGreaterThan(30, "Npgsql traces every command it sends");
        var scans = new List<string>();
        await using var db = new NpgsqlConnection(app.PostgreSqlConnectionString);
        await db.OpenAsync();
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan", db))
            await settings.ExecuteNonQueryAsync();
        foreach (var sql in _queries.Keys)
        {
            foreach (var step in await PlanAsync(db, sql))
            {
                var scan = SeqScan.Match(step);
                if (!scan.Success)
                {
                    if (step.Contains("Seq Scan", StringComparison.Ordinal)) scans.Add($"unread: {step.Trim()}  <=  {sql}");
                    continue;
                }
                var table = $"{scan.Groups[1].Value}.{scan.Groups[2].Value}";
                if (!SmallTables.Contains(table)) scans.Add($"{step.Trim()}  <=  {sql}");
            }
        }
        scans.Should().BeEmpty();
    }

    /// <summary>The generic plan of one statement: prepared, explained for any parameters (nulls stand for them), dropped.</summary>
    private static async Task<List<string>> PlanAsync(NpgsqlConnection db, string sql)
    {
        // Named parameters (EF's and ours, as the command was written) become positional ones, as Npgsql sends them.
        var names = new List<string>();
        sql = Named.Replace(sql, m =>
        {
            if (!names.Contains(m.Groups[1].Value)) names.Add(m.Groups[1].Value);
            return "$" + (names.IndexOf(m.Groups[1].Value) + 1);
        });
        var parameters = Placeholder.Matches(sql).Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max();
        await using (var prepare = new NpgsqlCommand($"PREPARE planned AS {sql}", db)) await prepare.ExecuteNonQueryAsync();
        try
        {
            var arguments = parameters == 0 ? "" : $"({string.Join(", ", Enumerable.Repeat("NULL", parameters))})";
            await using var explain = new NpgsqlCommand($"EXPLAIN (VERBOSE) EXECUTE planned{arguments}", db); // VERBOSE: tables by schema
            await using var reader = await explain.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync()) steps.Add(reader.GetString(0));
            return steps;
        }
        finally
        {
            await using var drop = new NpgsqlCommand("DEALLOCATE planned", db);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Keeps each query this host's database was sent (a batch is several statements, each planned on its own).</summary>
    private void Record(Activity activity, string database)
    {
        if (!activity.TagObjects.Any(t => t.Value as string == database)) return; // other test classes' hosts run beside this one
        var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
        if (text is null) return;
        foreach (var statement in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !From.IsMatch(statement)) continue; // pg_notify, advisory locks
            if (statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
                _queries.TryAdd(statement, true);
        }
    }
}

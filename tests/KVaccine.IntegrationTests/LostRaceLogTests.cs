using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Xunit.Abstractions;
using Serilog.Events;

namespace KVaccine.IntegrationTests;

/// <summary>The host with every log event it writes kept in memory, EF's reports on saves from Debug up.</summary>
public class CapturedLogsApp : KVaccineApp
{
    public const string SavesCategory = "Microsoft.EntityFrameworkCore.Update";

    public CapturedLogs Logs { get; } = new();

    protected override void Configure(JsonObject settings) =>
        settings["Serilog"]!["MinimumLevel"]!["Override"]![SavesCategory] = "Debug";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

public sealed class CapturedLogsAppOnPostgreSql : CapturedLogsApp
{
    protected override KVaccine.BuildingBlocks.Persistence.DatabaseProvider Provider => KVaccine.BuildingBlocks.Persistence.DatabaseProvider.PostgreSQL;
}

public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Clear() => _events.Clear();
}

/// <summary>
/// Losing a race is an expected outcome: the loser is answered (409, or decided again on fresh state) and nothing is
/// logged as an error or with a stack trace. The race is real: EF reports the lost saves, at Debug.
/// </summary>
public abstract class LostRaceLogTests<TApp>(TApp app, ITestOutputHelper output) : IClassFixture<TApp> where TApp : CapturedLogsApp
{
    private const int Racers = 16;
    private const int MaxRounds = 5;

    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task Concurrent_cancels_of_one_booking_log_no_error()
    {
        await RaceUntilASaveFailsAsync(async () =>
        {
            var citizen = Citizen.New();
            await _api.BookAsync(citizen, app.FreshDate());
            await _api.SettledAsync();
            app.Logs.Clear();

            var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _api.CancelAsync(citizen)));

            answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
            answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict);
        });
    }

    [DatabaseFact]
    public async Task Concurrent_bookings_by_one_citizen_log_no_error()
    {
        await RaceUntilASaveFailsAsync(async () =>
        {
            var citizen = Citizen.New();
            var date = app.FreshDate();
            app.Logs.Clear();

            var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _api.ReserveAsync(citizen, date)));

            answers.Count(a => a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted).Should().Be(1);
            answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Accepted || a.StatusCode == HttpStatusCode.Conflict);
            await _api.SettledAsync();
        });
    }

    /// <summary>Runs rounds of the race, checking the log of each, until one of its saves lost (each round is likely to).</summary>
    private async Task RaceUntilASaveFailsAsync(Func<Task> round)
    {
        for (var rounds = 1; ; rounds++)
        {
            await round();
            var events = app.Logs.Events;
            foreach (var e in events.Where(e => e.Level >= LogEventLevel.Warning || e.Exception is not null)) output.WriteLine(Describe(e));

            events.Where(e => e.Level >= LogEventLevel.Error).Select(Describe).Should().BeEmpty("a lost race is not an error");
            events.Where(e => e.Level >= LogEventLevel.Information && e.Exception is not null).Select(Describe)
                .Should().BeEmpty("an expected outcome is logged without a stack trace");
            var lostSaves = events.Where(e => EventName(e) is { } name && (name.EndsWith(".OptimisticConcurrencyException") || name.EndsWith(".SaveChangesFailed"))).ToList();
            if (lostSaves.Count > 0)
            {
                lostSaves.Should().OnlyContain(e => e.Level <= LogEventLevel.Debug, "EF's report of a lost save is for debugging");
                return;
            }
            rounds.Should().BeLessThan(MaxRounds, $"one of {MaxRounds} rounds of {Racers} racers should have lost a save");
        }
    }

    private static string? Category(LogEvent e) => (e.Properties.GetValueOrDefault("SourceContext") as ScalarValue)?.Value as string;

    private static string? EventName(LogEvent e) =>
        e.Properties.GetValueOrDefault("EventId") is StructureValue id ? (id.Properties.FirstOrDefault(p => p.Name == "Name")?.Value as ScalarValue)?.Value as string : null;

    private static string Describe(LogEvent e) => $"{e.Level} {Category(e)}: {e.RenderMessage()} {e.Exception?.GetType().Name}";
}

public sealed class LostRaceLogTests(CapturedLogsApp app, ITestOutputHelper output) : LostRaceLogTests<CapturedLogsApp>(app, output);

public sealed class LostRaceLogTestsOnPostgreSql(CapturedLogsAppOnPostgreSql app, ITestOutputHelper output) : LostRaceLogTests<CapturedLogsAppOnPostgreSql>(app, output);

using System.Net;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// Two hosts on one PostgreSQL database, both delivering the Dashboard's events (small batches, so both take part),
/// while a reader follows <c>/dashboard/changes</c> as a client does: after the last position it saw.
/// </summary>
public sealed class StatusChangesOnSeveralHostsOnPostgreSql : IAsyncLifetime
{
    private const int Citizens = 24;

    private static void Settings(JsonObject s) => s["Outbox"]!["BatchSize"] = 2;

    private readonly KVaccineAppOnPostgreSql _first = new() { With = Settings };
    private KVaccineAppOnPostgreSql? _second;

    public Task InitializeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task A_reader_following_the_changes_while_two_hosts_deliver_them_misses_none_and_sees_none_twice()
    {
        var first = _first.CreateApi(); // started first: it migrates the database
        _second = new KVaccineAppOnPostgreSql { Beside = _first, With = Settings };
        var second = _second.CreateApi();
        var reader = _first.CreateApi();
        var seen = new List<long>();
        using var writing = new CancellationTokenSource();

        // The reader asks again at once each time, so that it reads while the hosts' saves commit.
        var reading = Task.Run(async () =>
        {
            var after = 0L;
            while (!writing.IsCancellationRequested)
            {
                var page = await reader.ChangesAsync(after, 50);
                seen.AddRange(page.Changes.Select(c => c.Position));
                after = page.Last;
            }
            seen.AddRange((await reader.AllChangesAsync(after)).Select(c => c.Position));
        });

        var dates = Enumerable.Range(0, 4).Select(_ => _first.FreshDate()).ToList();
        var citizens = Enumerable.Range(0, Citizens).Select(i => (Citizen: Citizen.New(), Host: i % 2 == 0 ? first : second, Date: dates[i % dates.Count])).ToList();
        // Answered at once (201) or, when the decision outlasts the request's wait, later (202): either way it is booked.
        await Task.WhenAll(citizens.Select(async c =>
            (await c.Host.ReserveAsync(c.Citizen, c.Date)).StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Accepted)));
        await DrainedAsync(first);
        await Task.WhenAll(citizens.Where((_, i) => i % 3 == 0).Select(async c =>
            (await c.Host.CancelAsync(c.Citizen)).StatusCode.Should().Be(HttpStatusCode.OK)));
        await DrainedAsync(first);
        await writing.CancelAsync();
        await reading;

        var all = (await second.AllChangesAsync()).Select(c => c.Position).ToList();
        all.Count.Should().BeGreaterThanOrEqualTo(Citizens * 2 + Citizens / 3, "each booking was asked for and decided, and a third cancelled");
        all.Except(seen).Should().BeEmpty("a reader that followed the log while both hosts wrote it missed no change: none committed behind a position it had passed");
        seen.Should().OnlyHaveUniqueItems("a reader resuming after its last position sees nothing twice");
        seen.Should().Equal(all, "it saw them in order");
    }

    /// <summary>
    /// Waits for both hosts to deliver everything. A delivery that lost a race with the other host (two decisions on one
    /// date's places) is retried after a delay on each host's clock, which stands still unless moved: move them on.
    /// </summary>
    private async Task DrainedAsync(Api api) =>
        await Poll.UntilAsync(async () =>
        {
            _first.Clock.Advance(TimeSpan.FromMilliseconds(50));
            _second!.Clock.Advance(TimeSpan.FromMilliseconds(50));
            return (await api.OutboxAsync()).Consumers.All(c => c.Backlog == 0);
        }, "both hosts have delivered every event", TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}

using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>
/// What liveness calls stalled: a loop stuck in a call that never returns, past <c>Outbox:StalledAfterSeconds</c>. A
/// loop waiting for work (here up to ten minutes between polls) is not, however long it waits.
/// </summary>
public sealed class StallTests : IDisposable
{
    private readonly SqliteOutboxDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_loop_stuck_in_a_handler_is_stalled_and_the_loops_waiting_for_work_are_not()
    {
        var stuck = new TaskCompletionSource();
        _faults.On("Alpha", (_, _) => stuck.Task);
        await using var host = await _database.StartAsync(_faults, new Dictionary<string, string?>
        {
            ["Outbox:PollIntervalMs"] = "600000",
            ["Outbox:StalledAfterSeconds"] = "1",
        });
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        try
        {
            await host.PublishAsync(new ItemCreated(1, "k"));
            await Poll.UntilAsync(async () => (await host.BetaAsync()).Count == 1, "Beta applied it and waits for more");

            var stalled = await Poll.ForAsync(() => Task.FromResult(dispatcher.StalledConsumers()), s => s.Count > 0, "a loop is stalled", TimeSpan.FromSeconds(10));
            stalled.Should().Equal(["Alpha"], "every other loop is waiting for work, which is not being stuck");
        }
        finally
        {
            stuck.TrySetResult();
        }
        await Poll.UntilAsync(() => dispatcher.StalledConsumers().Count == 0, "no loop is stalled once the handler returns");
    }
}

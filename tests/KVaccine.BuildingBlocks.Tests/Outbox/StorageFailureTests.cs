using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>Rule 6's exception: a database that takes no writes is no delivery's fault, so it costs no attempt.</summary>
public sealed class StorageFailureTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly Faults _faults = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_storage_failure_costs_no_attempt_and_the_event_is_applied_once_the_database_takes_writes()
    {
        _faults.ReadOnly("Alpha", seq: 1, times: 6); // more than the 4 attempts a delivery has
        await using var host = await OutboxHost.StartAsync(_database, _faults);

        await host.PublishAsync(new ItemCreated(1, "k"));

        await Poll.UntilAsync(async () => (await host.AlphaAsync()).Count == 1, "Alpha applied the event once its saves were taken");
        _faults.AttemptsOf("Alpha", 1).Should().Be(7, "it was tried again after each refused save");
        var delivery = await host.QueryOutboxAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.Consumer == "Alpha"));
        delivery.Status.Should().Be(DeliveryStatus.Delivered);
        delivery.Attempts.Should().Be(1, "only the attempt that applied it counts");
        delivery.LastError.Should().BeNull();
        await Poll.UntilAsync(async () => (await host.BetaAsync()).Count == 1, "Beta applied it too");
    }
}

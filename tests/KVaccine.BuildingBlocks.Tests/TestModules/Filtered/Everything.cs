using MediatR;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Filtered.All;

/// <summary>A second handler of the same module and event, wanting every item.</summary>
public sealed class Everything : INotificationHandler<ItemCreated>
{
    public List<int> Handled { get; } = [];

    public Task Handle(ItemCreated e, CancellationToken ct)
    {
        Handled.Add(e.Seq);
        return Task.CompletedTask;
    }
}

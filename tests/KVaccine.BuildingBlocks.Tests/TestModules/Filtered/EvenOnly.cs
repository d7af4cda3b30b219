using KVaccine.BuildingBlocks.Outbox;
using MediatR;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Filtered.Even;

/// <summary>A handler that wants only the even items; no test module's host composes it.</summary>
public sealed class EvenOnly : INotificationHandler<ItemCreated>, IWantsOnly<ItemCreated>
{
    public static bool Wants(ItemCreated e) => e.Seq % 2 == 0;

    public List<int> Handled { get; } = [];

    public Task Handle(ItemCreated e, CancellationToken ct)
    {
        Handled.Add(e.Seq);
        return Task.CompletedTask;
    }
}

using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.BuildingBlocks.Tests.TestModules.Filtered.All;
using KVaccine.BuildingBlocks.Tests.TestModules.Filtered.Even;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.Outbox;

/// <summary>A module is sent an event only if one of its handlers wants it, and only those handlers are called.</summary>
public sealed class FilterTests
{
    /// <summary>A module of the test handlers under <paramref name="ns"/>.</summary>
    private static EventRoutes Module(string name, string ns) => new([new ConsumerModule(name, typeof(FilterTests).Assembly, ns, typeof(object))]);

    [Fact]
    public void A_module_whose_handler_wants_only_some_events_of_a_type_is_sent_only_those()
    {
        var routes = Module(nameof(EvenOnly), typeof(EvenOnly).Namespace!);

        routes.ConsumersOf(new ItemCreated(2, "k")).Should().Equal(nameof(EvenOnly));
        routes.ConsumersOf(new ItemCreated(3, "k")).Should().BeEmpty("no delivery is written for an event no handler of the module wants");
    }

    [Fact]
    public async Task Of_a_module_s_handlers_only_those_that_want_the_event_are_called()
    {
        var routes = Module("Both", "KVaccine.BuildingBlocks.Tests.TestModules.Filtered");
        var services = new ServiceCollection().AddSingleton<EvenOnly>().AddSingleton<Everything>().BuildServiceProvider();

        routes.ConsumersOf(new ItemCreated(3, "k")).Should().Equal(["Both"], "one of its handlers wants every item");
        await routes.HandleAsync("Both", new ItemCreated(3, "k"), services, CancellationToken.None);
        await routes.HandleAsync("Both", new ItemCreated(4, "k"), services, CancellationToken.None);

        services.GetRequiredService<EvenOnly>().Handled.Should().Equal(4);
        services.GetRequiredService<Everything>().Handled.Should().Equal(3, 4);
    }
}

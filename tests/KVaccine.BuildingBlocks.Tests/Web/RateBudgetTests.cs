using KVaccine.BuildingBlocks.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Tests.Web;

/// <summary>The budgets of <c>RateLimits</c>: defaults where not set, and a budget below one refused at start, by name.</summary>
public sealed class RateBudgetTests
{
    [Fact]
    public void An_unset_budget_takes_its_default_and_a_set_one_its_setting()
    {
        using var services = Services(new() { ["RateLimits:Booking:PerClientPerSecond"] = "25" });
        var budgets = services.GetRequiredService<IOptionsMonitor<RateBudget>>();

        budgets.Get(Overload.Dates).Should().BeEquivalentTo(new RateBudget { PerClientPerSecond = 50, Concurrency = 64 });
        budgets.Get(Overload.Booking).Should().BeEquivalentTo(new RateBudget { PerClientPerSecond = 25, Concurrency = 32 });
    }

    [Theory]
    [InlineData("RateLimits:Dates:PerClientPerSecond")]
    [InlineData("RateLimits:Dates:Concurrency")]
    public void A_budget_below_one_is_refused_naming_the_budget(string key)
    {
        using var services = Services(new() { [key] = "0" });

        var read = () => services.GetRequiredService<IOptionsMonitor<RateBudget>>().Get(Overload.Dates);

        read.Should().Throw<OptionsValidationException>().WithMessage("RateLimits:Dates: *at least 1*");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddOverloadControl(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}

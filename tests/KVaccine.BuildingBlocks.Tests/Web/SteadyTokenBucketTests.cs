using System.Diagnostics;
using KVaccine.BuildingBlocks.Web;

namespace KVaccine.BuildingBlocks.Tests.Web;

/// <summary>
/// A client's budget allows a burst of two seconds' worth, then comes back one token at a time at its rate. The
/// platform's bucket keeps its own time (a stopwatch), so these tests spin on the bucket itself, with a deadline.
/// </summary>
public sealed class SteadyTokenBucketTests
{
    [Fact]
    public void A_fresh_budget_lets_a_burst_of_two_seconds_worth_through_and_no_more()
    {
        using var budget = new SteadyTokenBucket(perSecond: 5);

        var admitted = Enumerable.Range(0, 11).Count(_ => budget.AttemptAcquire().IsAcquired);

        admitted.Should().Be(10, "the next token is 200 ms away");
    }

    [Fact]
    public void A_drained_budget_comes_back_one_token_at_a_time()
    {
        using var budget = new SteadyTokenBucket(perSecond: 20);
        Drain(budget);

        SpinUntil(() => budget.AttemptAcquire().IsAcquired, "a token comes back");
        var right = budget.AttemptAcquire().IsAcquired;

        right.Should().BeFalse("the next token is 50 ms after the last, not in the same top-up");
    }

    [Fact]
    public void A_drained_budget_is_let_through_at_its_rate()
    {
        const int perSecond = 200;
        using var budget = new SteadyTokenBucket(perSecond);
        Drain(budget);
        var watch = Stopwatch.StartNew();

        var admitted = 0;
        while (watch.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            if (budget.AttemptAcquire().IsAcquired) admitted++;
            else Thread.SpinWait(100);
        }

        var expected = perSecond * watch.Elapsed.TotalSeconds;
        admitted.Should().BeInRange((int)(expected * 0.8), (int)expected + 1);
    }

    private static void Drain(SteadyTokenBucket budget)
    {
        while (budget.AttemptAcquire().IsAcquired) { }
    }

    private static void SpinUntil(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5)) throw new TimeoutException($"Timed out waiting until {what}.");
            Thread.SpinWait(100);
        }
    }
}

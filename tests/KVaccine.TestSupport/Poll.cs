using System.Diagnostics;

namespace KVaccine.TestSupport;

/// <summary>Waits for something to become true, or fails after a timeout. Never a fixed sleep.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            if (await probe()) return;
            if (watch.Elapsed > limit) throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#}s waiting until {what}.");
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 50));
        }
    }

    public static Task UntilAsync(Func<bool> probe, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(probe()), what, timeout);

    /// <summary>Waits until the probe returns a value that satisfies the condition, and returns it.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        T last = default!;
        await UntilAsync(async () => condition(last = await probe()), what, timeout);
        return last;
    }
}

using System.Collections.Concurrent;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Requests waiting for the outcome of what they started in another module (a booking's decision, an injection's
/// confirmation), so they can answer the moment it is applied instead of polling. A request registers before it
/// commits what starts the work; the handler that applies the outcome completes it once its own commit is done.
/// </summary>
/// <typeparam name="TOutcome">What the request answers with; each kind of wait has its own, and so its own registry.</typeparam>
public sealed class WaitingRequests<TOutcome> where TOutcome : class
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<TOutcome>> _waiting = new();

    public Waiter Register(long id)
    {
        var outcome = _waiting.GetOrAdd(id, _ => new TaskCompletionSource<TOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        return new Waiter(this, id, outcome.Task);
    }

    /// <summary>Whether a request in this host waits for <paramref name="id"/>.</summary>
    public bool IsWaiting(long id) => _waiting.ContainsKey(id);

    /// <summary>Hands the outcome to the request waiting for <paramref name="id"/>, if one is.</summary>
    public void Complete(long id, TOutcome outcome)
    {
        if (_waiting.TryRemove(id, out var waiting)) waiting.TrySetResult(outcome);
    }

    public sealed class Waiter(WaitingRequests<TOutcome> registry, long id, Task<TOutcome> outcome) : IDisposable
    {
        /// <summary>The outcome, or null when none came within <paramref name="timeout"/>.</summary>
        public async Task<TOutcome?> WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            try
            {
                return await outcome.WaitAsync(timeout, ct);
            }
            catch (TimeoutException)
            {
                return default;
            }
        }

        public void Dispose() => registry._waiting.TryRemove(id, out _);
    }
}

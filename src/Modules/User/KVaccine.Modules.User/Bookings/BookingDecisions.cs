using System.Collections.Concurrent;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// Lets <c>POST /user/reserve</c> answer as soon as Reservation's decision is committed, instead of polling: the
/// request registers before it reads the booking, the decision's handler signals after its commit.
/// </summary>
internal sealed class BookingDecisions
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();

    public Waiter Register(long bookingId)
    {
        var decided = _waiting.GetOrAdd(bookingId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return new Waiter(decided.Task, () => _waiting.TryRemove(bookingId, out _));
    }

    public void Decided(long bookingId)
    {
        if (_waiting.TryRemove(bookingId, out var waiting)) waiting.TrySetResult();
    }

    public sealed class Waiter(Task decided, Action unregister) : IDisposable
    {
        public Task Decided => decided;

        public void Dispose() => unregister();
    }
}

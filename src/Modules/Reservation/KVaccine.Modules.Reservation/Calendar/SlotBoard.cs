using System.Collections.Concurrent;
using KVaccine.Modules.Reservation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The places left on each date, in memory, so that the available-dates query (the busiest route) reads no database
/// and builds its list once per change rather than once per request. Loaded from the slots table once; after that
/// every commit of Reservation that changed a slot records it here.
/// </summary>
/// <remarks>
/// Reservation is the only writer of its slots, through its one dispatcher loop, so commits arrive here in commit
/// order and the board is the table. That holds while one host serves the database (as with SQLite); hosts that
/// share one would each have to reload it.
/// </remarks>
internal sealed class SlotBoard(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<DateOnly, int> _remaining = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;
    private int _version;
    private volatile Listing? _last;

    /// <summary>Reads the slots table, unless that was done already. Safe to call from any request.</summary>
    public async ValueTask LoadAsync(CancellationToken ct)
    {
        if (_loaded) return;
        await _loading.WaitAsync(ct);
        try
        {
            if (_loaded) return;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReservationDbContext>();
            var slots = await db.Slots.AsNoTracking().Select(s => new { s.Date, s.Capacity, s.Booked }).ToListAsync(ct);
            // A commit recorded while the table was read is newer than what was read.
            foreach (var slot in slots) _remaining.TryAdd(slot.Date, slot.Capacity - slot.Booked);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Records the slot once what changed it has committed; dropped if it rolls back.</summary>
    public void RecordOnCommit(ReservationDbContext db, Slot slot) => db.AfterCommit(() =>
    {
        _remaining[slot.Date] = slot.Remaining;
        Interlocked.Increment(ref _version);
    });

    /// <summary>The dates from <paramref name="first"/> to <paramref name="last"/> with places left; a date never booked has them all.</summary>
    public async ValueTask<IReadOnlyList<AvailableDate>> AvailableAsync(DateOnly first, DateOnly last, int capacity, CancellationToken ct)
    {
        await LoadAsync(ct);
        // Read the version before the counts: a change recorded meanwhile bumps it, and the next call builds anew.
        var version = Volatile.Read(ref _version);
        if (_last is { } cached && cached.First == first && cached.Last == last && cached.Capacity == capacity && cached.Version == version)
            return cached.Dates;

        var dates = new List<AvailableDate>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var remaining = _remaining.TryGetValue(date, out var left) ? left : capacity;
            if (remaining > 0) dates.Add(new AvailableDate(date, remaining));
        }
        _last = new Listing(first, last, capacity, version, dates);
        return dates;
    }

    private sealed record Listing(DateOnly First, DateOnly Last, int Capacity, int Version, IReadOnlyList<AvailableDate> Dates);
}

using System.Collections.Concurrent;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The places left on each date, in memory, so that the available-dates query (the busiest route) reads no database
/// and builds its list once per change rather than once per request. Loaded from the slots table; after that every
/// commit of this host's Reservation that changed a slot records it here, and one of another host's (hosts sharing a
/// PostgreSQL database) makes the next query read the table again.
/// </summary>
/// <remarks>
/// Where one host serves the database (SQLite), Reservation's one dispatcher loop is the only writer of its slots, so
/// commits arrive here in commit order and the board is the table. Where several share it, each host hears the
/// others' slot commits within milliseconds (<see cref="HostNotices"/>), and a board that heard one reads the
/// table before it answers again: it never offers a place another host's commit took for longer than that notice
/// takes. A read that a commit overtook is read again.
/// </remarks>
internal sealed class SlotBoard(IServiceScopeFactory scopes) : IHostNoticeHandler
{
    public const string NoticeChannel = "kvaccine_slots";

    private readonly ConcurrentDictionary<DateOnly, int> _remaining = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;
    private int _version;
    private volatile Listing? _last;

    /// <summary>Reads the slots table, unless it is read and nothing changed it since. Safe to call from any request.</summary>
    public async ValueTask LoadAsync(CancellationToken ct)
    {
        if (_loaded) return;
        await _loading.WaitAsync(ct);
        try
        {
            if (_loaded) return;
            var before = Volatile.Read(ref _version);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReservationDbContext>();
            var slots = await db.Slots.AsNoTracking().Select(s => new { s.Date, s.Capacity, s.Booked }).ToListAsync(ct);
            foreach (var slot in slots) _remaining[slot.Date] = slot.Capacity - slot.Booked;
            // A commit recorded or heard while the table was read may be newer than what was read: read it again next time.
            _loaded = Volatile.Read(ref _version) == before;
            Interlocked.Increment(ref _version);
        }
        finally
        {
            _loading.Release();
        }
    }

    public string Channel => NoticeChannel;

    /// <summary>Another host committed a change of a slot: the next query reads the table.</summary>
    public void Handle(string payload) => Invalidate();

    public void Resync() => Invalidate();

    private void Invalidate()
    {
        _loaded = false;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Records the slot once what changed it has committed, and tells the other hosts; dropped if it rolls back.</summary>
    public void RecordOnCommit(ReservationDbContext db, Slot slot)
    {
        db.AfterCommit(() =>
        {
            _remaining[slot.Date] = slot.Remaining;
            Interlocked.Increment(ref _version);
        });
        db.TellOtherHosts(NoticeChannel, slot.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

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

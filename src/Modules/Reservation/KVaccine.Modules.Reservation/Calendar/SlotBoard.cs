using System.Collections.Concurrent;
using System.Globalization;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.Reservation.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The sites and the places left in their booked slots, in memory, so that the availability queries (the busiest
/// routes) read no database and build each listing once per change of its site rather than once per request. Loaded
/// from the tables; after that every commit of this host's Reservation that changed a slot records it here, and one
/// of another host's (hosts sharing a PostgreSQL database), or a change of a site, makes the next query read the
/// tables again.
/// </summary>
/// <remarks>
/// Where one host serves the database (SQLite), Reservation's one dispatcher loop is the only writer of its slots, so
/// commits arrive here in commit order and the board is the table. Where several share it, each host hears the
/// others' slot commits within milliseconds (<see cref="HostNotices"/>), and a board that heard one reads the
/// tables before it answers again: it never offers a place another host's commit took for longer than that notice
/// takes. A read that a commit overtook is read again.
/// </remarks>
internal sealed class SlotBoard(IServiceScopeFactory scopes, LocalCalendar calendar) : IHostNoticeHandler
{
    public const string NoticeChannel = "kvaccine_slots";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;
    private volatile Tables _tables = new(new Dictionary<int, Site>(), new ConcurrentDictionary<(int, DateOnly), Slot[]>());

    // Bumped by every load and invalidation (all listings) and by every change recorded (its site's listings).
    private int _version;
    private readonly ConcurrentDictionary<int, int> _siteVersions = new();
    private readonly ConcurrentDictionary<ListingKey, Listing> _listings = new();

    private sealed record Tables(IReadOnlyDictionary<int, Site> Sites, ConcurrentDictionary<(int Site, DateOnly Date), Slot[]> Days);

    /// <summary>Reads the tables, unless they are read and nothing changed them since. Safe to call from any request.</summary>
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
            var sites = await db.Sites.AsNoTracking().Include(s => s.ClosedDays).ToDictionaryAsync(s => s.Id, ct);
            var today = calendar.Today;
            var slots = await db.Slots.AsNoTracking().Where(s => s.Date >= today).ToListAsync(ct);
            var days = new ConcurrentDictionary<(int, DateOnly), Slot[]>(slots.GroupBy(s => (s.SiteId, s.Date))
                .Select(g => KeyValuePair.Create(g.Key, g.ToArray())));
            _tables = new Tables(sites, days);
            // A commit recorded or heard while the tables were read may be newer than what was read: read them again next time.
            _loaded = Volatile.Read(ref _version) == before;
            Interlocked.Increment(ref _version);
        }
        finally
        {
            _loading.Release();
        }
    }

    public string Channel => NoticeChannel;

    /// <summary>Another host committed a change of a slot or a site: the next query reads the tables.</summary>
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
        var committed = slot.Copy();
        db.AfterCommit(() =>
        {
            var days = _tables.Days;
            days.AddOrUpdate((committed.SiteId, committed.Date), [committed],
                (_, stored) => [.. stored.Where(s => s.Start != committed.Start), committed]);
            _siteVersions.AddOrUpdate(committed.SiteId, 1, (_, v) => v + 1);
        });
        db.TellOtherHosts(NoticeChannel, committed.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the tables again once a change of a site has committed, and tells the other hosts to.</summary>
    public void ReloadOnCommit(ReservationDbContext db)
    {
        db.AfterCommit(Invalidate);
        db.TellOtherHosts(NoticeChannel, "sites");
    }

    public async ValueTask<IReadOnlyCollection<Site>> SitesAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return _tables.Sites.Values.OrderBy(s => s.Name, StringComparer.CurrentCulture).ThenBy(s => s.Id).ToList();
    }

    public async ValueTask<Site?> SiteAsync(int siteId, CancellationToken ct)
    {
        await LoadAsync(ct);
        return _tables.Sites.GetValueOrDefault(siteId);
    }

    /// <summary>The site's dates from <paramref name="first"/> to <paramref name="last"/> with places left for the dose; null for an unknown site.</summary>
    public async ValueTask<IReadOnlyList<AvailableDate>?> DatesAsync(int siteId, int doseNumber, DateOnly first, DateOnly last, CancellationToken ct)
    {
        await LoadAsync(ct);
        // Read the versions before the counts: a change recorded meanwhile bumps one, and the next call builds anew.
        var key = new ListingKey(siteId, doseNumber, first, last);
        var version = (Volatile.Read(ref _version), _siteVersions.GetValueOrDefault(siteId));
        if (_listings.TryGetValue(key, out var cached) && cached.Version == version) return (IReadOnlyList<AvailableDate>?)cached.Items;

        var tables = _tables;
        List<AvailableDate>? dates = null;
        if (tables.Sites.TryGetValue(siteId, out var site))
        {
            dates = [];
            for (var date = first; date <= last; date = date.AddDays(1))
            {
                var remaining = 0;
                foreach (var slot in SiteDay.Slots(site, date, Stored(tables, siteId, date)))
                    remaining += Math.Max(0, slot.Remaining(doseNumber));
                if (remaining > 0) dates.Add(new AvailableDate(date, remaining));
            }
        }
        _listings[key] = new Listing(version, dates);
        return dates;
    }

    /// <summary>The site's slots on the date, in order, with the places left for the dose; null for an unknown site.</summary>
    public async ValueTask<IReadOnlyList<AvailableSlot>?> SlotsAsync(int siteId, DateOnly date, int doseNumber, CancellationToken ct)
    {
        await LoadAsync(ct);
        var key = new ListingKey(siteId, doseNumber, date, null);
        var version = (Volatile.Read(ref _version), _siteVersions.GetValueOrDefault(siteId));
        if (_listings.TryGetValue(key, out var cached) && cached.Version == version) return (IReadOnlyList<AvailableSlot>?)cached.Items;

        var tables = _tables;
        var slots = tables.Sites.TryGetValue(siteId, out var site)
            ? SiteDay.Slots(site, date, Stored(tables, siteId, date))
                .Select(s => new AvailableSlot(SlotTimes.Start(s), SlotTimes.End(s), Math.Max(0, s.Remaining(doseNumber)))).ToList()
            : null;
        _listings[key] = new Listing(version, slots);
        return slots;
    }

    private static Slot[] Stored(Tables tables, int siteId, DateOnly date) => tables.Days.GetValueOrDefault((siteId, date)) ?? [];

    private sealed record ListingKey(int SiteId, int DoseNumber, DateOnly First, DateOnly? Last);

    private sealed record Listing((int All, int Site) Version, object? Items);
}

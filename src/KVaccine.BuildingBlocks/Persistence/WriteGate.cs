using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// The turn of this process's writers at the database, in arrival order. SQLite lets one writer in at a time, and a
/// writer that finds the lock taken polls for it, sleeping 1, 2, 5, 10… ms between tries (its busy handler): with a
/// request and five dispatcher loops writing at once, a writer would often sleep on after the lock came free, on
/// every hop of a booking. Queued here, the next writer goes in the moment the last one is done.
/// </summary>
/// <remarks>
/// Only a matter of speed: SQLite's lock still decides who may write, so a writer that does not queue here (a rare
/// one, or another process) is still safe, and simply meets the busy handler. A turn is waited for no longer than the
/// connection's busy timeout; after that the writer fails as SQLite itself would, with SQLITE_BUSY. PostgreSQL lets
/// writers in side by side and locks rows, not the database: there every turn is granted at once.
/// </remarks>
public sealed class WriteGate
{
    private const int SqliteBusy = 5;
    private const int MaxHandOversInline = 4;
    [ThreadStatic] private static int t_handOversInline;
    private readonly Lock _sync = new();
    private readonly Queue<Waiter> _waiting = new();
    private readonly TimeSpan _timeout;
    private readonly bool _open;
    private bool _taken;

    public WriteGate(IConfiguration configuration) : this(Database.Settings(configuration))
    {
    }

    private WriteGate(DatabaseSettings database) : this(database.IsPostgreSql ? TimeSpan.Zero : TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(database.ConnectionString).DefaultTimeout)) =>
        _open = database.IsPostgreSql;

    public WriteGate(TimeSpan timeout) => _timeout = timeout;

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_open) return ValueTask.FromResult(default(Turn));
        Waiter waiter;
        lock (_sync)
        {
            if (!_taken)
            {
                _taken = true;
                return ValueTask.FromResult(new Turn(this));
            }
            waiter = new Waiter();
            _waiting.Enqueue(waiter);
        }
        return WaitForTurnAsync(waiter, ct);
    }

    private async ValueTask<Turn> WaitForTurnAsync(Waiter waiter, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        bool granted;
        await using (timeout.Token.UnsafeRegister(w => ((Waiter)w!).Abandon(), waiter))
            granted = await waiter.Turn;
        if (granted) return new Turn(this);
        ct.ThrowIfCancellationRequested();
        throw new SqliteException($"database is locked: no turn to write within {_timeout.TotalSeconds:0} s", SqliteBusy);
    }

    /// <remarks>
    /// The next writer's turn begins on the thread that ends this one, before anything else runs there: handed over
    /// through the thread pool, the lock would stay idle until a pool thread is free to run the next writer, which
    /// on a busy machine with few cores can take a while. What the ending writer does after its turn waits meanwhile,
    /// so a thread hands over inline only a few turns deep; past that the next writer is scheduled.
    /// </remarks>
    private void Release()
    {
        Waiter? next = null;
        lock (_sync)
        {
            while (_waiting.TryDequeue(out var waiter))
            {
                if (waiter.Grant())
                {
                    next = waiter;
                    break;
                }
            }
            if (next is null) _taken = false;
        }
        if (next is null) return;
        if (t_handOversInline >= MaxHandOversInline)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static waiter => waiter.Begin(), next, preferLocal: false);
            return;
        }
        t_handOversInline++;
        try
        {
            next.Begin();
        }
        finally
        {
            t_handOversInline--;
        }
    }

    /// <summary>A turn; the default one (PostgreSQL's) ends nothing.</summary>
    public readonly struct Turn(WriteGate gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }

    private sealed class Waiter
    {
        // Not RunContinuationsAsynchronously: the granted writer continues on the releasing thread (see Release).
        private readonly TaskCompletionSource<bool> _turn = new();
        private int _state; // 0 waiting, 1 granted, 2 gave up

        public Task<bool> Turn => _turn.Task;

        public bool Grant() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public void Begin() => _turn.TrySetResult(true);

        public void Abandon()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0) _turn.TrySetResult(false);
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// The turn of this process's writers at the database, in arrival order. SQLite lets one writer in at a time, and a
/// writer that finds the lock taken polls for it, sleeping 1, 2, 5, 10… ms between tries (its busy handler): with a
/// request and five dispatcher loops writing at once, those sleeps added milliseconds to every hop of a booking.
/// Queued here, the next writer goes in the moment the last one is done.
/// </summary>
/// <remarks>
/// Only a matter of speed: SQLite's lock still decides who may write, so a writer that does not queue here (a rare
/// one, or another process) is still safe, and simply meets the busy handler. A turn is waited for no longer than the
/// connection's busy timeout; after that the writer fails as SQLite itself would, with SQLITE_BUSY.
/// </remarks>
public sealed class WriteGate
{
    private const int SqliteBusy = 5;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeSpan _timeout;

    public WriteGate(IConfiguration configuration) : this(TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(Database.ConnectionString(configuration)).DefaultTimeout))
    {
    }

    public WriteGate(TimeSpan timeout) => _timeout = timeout;

    /// <summary>For design-time tools, which never write through it.</summary>
    public static WriteGate DesignTime { get; } = new(TimeSpan.FromSeconds(30));

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (!await _turn.WaitAsync(_timeout, ct))
            throw new SqliteException($"database is locked: no turn to write within {_timeout.TotalSeconds:0} s", SqliteBusy);
        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}

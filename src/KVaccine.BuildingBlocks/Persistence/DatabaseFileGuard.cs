using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Refuses a connection whose database file was deleted or replaced since SQLite opened it. Such a connection goes
/// on reading and writing the file it holds open, which nobody will find again: every booking would be answered and
/// then lost when the host stops. Refused, the request is a 503 and readiness says why (see
/// <see cref="DatabaseErrors"/>); new connections find no file to open (<see cref="Database.ConnectionString"/>
/// does not let them create one).
/// </summary>
/// <remarks>
/// SQLite tells (SQLITE_FCNTL_HAS_MOVED: its file handle's inode against the path's): one stat() on every open of a
/// pooled connection. Microsoft.Data.Sqlite does not expose sqlite3_file_control, so it is called in the e_sqlite3
/// library it loads; a SQLite without it (another bundle, a VFS that cannot tell) is taken as "not moved".
/// </remarks>
internal sealed class DatabaseFileGuard : DbConnectionInterceptor
{
    public static DatabaseFileGuard Instance { get; } = new();

    private const int SqliteReadOnly = 8;
    private const int SqliteReadOnlyDbMoved = 1032; // SQLite's own code for this, in rollback-journal mode
    private const int FileControlHasMoved = 20;
    private static readonly byte[] Main = "main\0"u8.ToArray();
    private static bool s_cannotTell;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => ThrowIfMoved((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ThrowIfMoved((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    private static void ThrowIfMoved(SqliteConnection connection)
    {
        if (!HasMoved(connection)) return;
        var file = connection.DataSource;
        connection.Close();
        throw new SqliteException($"The database file {file} was deleted or replaced while the host ran; nothing more is read from or written to it.",
            SqliteReadOnly, SqliteReadOnlyDbMoved);
    }

    public static bool HasMoved(SqliteConnection connection)
    {
        if (s_cannotTell || connection.Handle is not { IsInvalid: false } handle) return false;
        try
        {
            return FileControl(handle.DangerousGetHandle(), Main, FileControlHasMoved, out var moved) == 0 && moved != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_cannotTell = true;
            return false;
        }
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", ExactSpelling = true)]
    private static extern int FileControl(IntPtr db, byte[] databaseName, int op, out int result);
}

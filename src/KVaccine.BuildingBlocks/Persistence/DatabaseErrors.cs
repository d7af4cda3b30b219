using Microsoft.Data.Sqlite;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// What a failed database call means, for every catch that must tell: a unique index refused a row (a concurrent
/// request got there first: the caller's conflict), or the storage failed (the file cannot be written, read or
/// opened, the disk is full: nobody's fault but the disk's, and over once it is back). Anything else is a bug.
/// EF wraps what SQLite reports (in a DbUpdateException, say), so the SQLite error is looked for inside.
/// </summary>
/// <remarks>The codes are SQLite's result codes, https://sqlite.org/rescode.html.</remarks>
public static class DatabaseErrors
{
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    /// <summary>SQLITE_READONLY, IOERR, CORRUPT, FULL, CANTOPEN and NOTADB, with all their extended codes.</summary>
    private static readonly HashSet<int> Storage = [8, 10, 11, 13, 14, 26];

    /// <summary>Whether a unique index or primary key refused the row: a race with another request, not a failure.</summary>
    public static bool IsUniqueViolation(Exception error) =>
        SqliteErrorIn(error) is { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    /// <summary>Whether the database was too busy (SQLITE_BUSY, LOCKED) to serve within the busy timeout, however EF wrapped it.</summary>
    public static bool IsBusy(Exception error) => SqliteErrorIn(error) is { SqliteErrorCode: 5 or 6 };

    /// <summary>The SQLite error behind <paramref name="error"/>, however EF wrapped it, or null.</summary>
    public static SqliteException? SqliteError(Exception error) => SqliteErrorIn(error);

    /// <summary>The storage failure behind <paramref name="error"/>, or null when it is something else.</summary>
    public static SqliteException? StorageFailure(Exception error) =>
        SqliteErrorIn(error) is { } sqlite && Storage.Contains(sqlite.SqliteErrorCode) ? sqlite : null;

    private static SqliteException? SqliteErrorIn(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SqliteException sqlite) return sqlite;
        }
        return null;
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// What a failed database call means, for every catch that must tell: a unique index refused a row (a concurrent
/// request got there first: the caller's conflict), the database was too busy, or the storage failed (a SQLite file
/// that cannot be written, read or opened, a full disk, a PostgreSQL that cannot be reached or is shutting down:
/// nobody's fault but the database's, and over once it is back). Anything else is a bug. EF wraps what the provider
/// reports (in a DbUpdateException, say), so the provider's error is looked for inside.
/// </summary>
/// <remarks>SQLite's result codes: https://sqlite.org/rescode.html; PostgreSQL's: https://www.postgresql.org/docs/current/errcodes-appendix.html.</remarks>
public static class DatabaseErrors
{
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    /// <summary>SQLITE_READONLY, IOERR, CORRUPT, FULL, CANTOPEN and NOTADB, with all their extended codes.</summary>
    private static readonly HashSet<int> SqliteStorage = [8, 10, 11, 13, 14, 26];

    /// <summary>Serialization failure, deadlock, lock not available, statement timeout, too many connections.</summary>
    private static readonly HashSet<string> PostgreSqlBusy = ["40001", "40P01", "55P03", "57014", "53300"];

    /// <summary>
    /// Shutting down or restarting (admin, crash, cannot connect now), disk full, I/O error, a read-only transaction
    /// (a standby), no such database; and every connection exception (class 08).
    /// </summary>
    private static readonly HashSet<string> PostgreSqlStorage = ["57P01", "57P02", "57P03", "53100", "58030", "25006", "3D000"];

    /// <summary>Whether a unique index or primary key refused the row: a race with another request, not a failure.</summary>
    public static bool IsUniqueViolation(Exception error) => ProviderError(error) switch
    {
        SqliteException sqlite => sqlite is { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey },
        ConnectionLostException => false,
        { } other => PostgreSql.IsUniqueViolation(other),
        null => false,
    };

    /// <summary>Whether the database was too busy to serve in time (SQLite's lock, PostgreSQL's locks, timeouts and connection limits).</summary>
    public static bool IsBusy(Exception error) => ProviderError(error) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        ConnectionLostException => false,
        { } other => PostgreSql.IsBusy(other),
        null => false,
    };

    /// <summary>The provider's error behind <paramref name="error"/>, however EF wrapped it, or null.</summary>
    public static DbException? ProviderError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SqliteException sqlite) return sqlite;
            if (error is ConnectionLostException lost) return lost;
            if (error is DbException other && PostgreSql.IsNpgsql(other)) return other;
        }
        return null;
    }

    /// <summary>The provider's code for an error, for the log: SQLite's result code or PostgreSQL's SQLSTATE.</summary>
    public static string? CodeOf(DbException error) =>
        error is SqliteException sqlite ? sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : error.SqlState;

    /// <summary>The storage failure behind <paramref name="error"/>, or null when it is something else.</summary>
    public static DbException? StorageFailure(Exception error) => ProviderError(error) switch
    {
        SqliteException sqlite => SqliteStorage.Contains(sqlite.SqliteErrorCode) ? sqlite : null,
        ConnectionLostException lost => lost,
        { } other => PostgreSql.IsStorageFailure(other) ? other : null,
        null => null,
    };

    /// <summary>Npgsql's errors, apart, so that a host on SQLite never loads Npgsql to tell its own.</summary>
    private static class PostgreSql
    {
        // By name: a type test would load Npgsql.
        public static bool IsNpgsql(DbException error) => error.GetType().Namespace == "Npgsql";

        public static bool IsUniqueViolation(DbException error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

        public static bool IsBusy(DbException error) => error switch
        {
            PostgresException postgres => PostgreSqlBusy.Contains(postgres.SqlState),
            // The pool had no connection free in time.
            NpgsqlException { InnerException: TimeoutException } => true,
            _ => false,
        };

        public static bool IsStorageFailure(DbException error) => error switch
        {
            PostgresException postgres => PostgreSqlStorage.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
            // Not an answer from the server: the connection could not be made or broke (refused, reset, timed out).
            NpgsqlException npgsql => npgsql.InnerException is not TimeoutException,
            _ => false,
        };
    }
}

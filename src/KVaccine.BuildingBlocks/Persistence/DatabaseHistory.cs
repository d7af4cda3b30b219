using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Whether this database has existed before: a marker beside the file (<c>kvaccine.db.created</c>), written once the
/// host has created and migrated it, or found it there. A start that finds the marker and no database (deleted, or
/// an empty file in its place) stops, rather than create an empty database in which every citizen is "not found";
/// so does one told that the database must exist (<see cref="DatabaseOptions.MustExist"/>). A first start, with
/// neither, creates it.
/// </summary>
internal static class DatabaseHistory
{
    public static void ThrowIfLost(string connectionString, bool mustExist)
    {
        if (FileOf(connectionString) is not { } file || new FileInfo(file) is { Exists: true, Length: > 0 }) return;
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var marker = MarkerOf(file);
        var state = File.Exists(file) ? "is empty" : "is missing";
        if (File.Exists(marker))
            throw new MissingDatabaseException($"the database {database} {state}, but {Path.GetFileName(marker)} beside it says it was created {File.ReadLines(marker).FirstOrDefault()}. " +
                "Restore it from a backup, or delete the marker to start with an empty database.");
        if (mustExist)
            throw new MissingDatabaseException($"the database {database} {state}, and {DatabaseOptions.Section}:{nameof(DatabaseOptions.MustExist)} is set. " +
                $"Restore it from a backup, or correct ConnectionStrings:{Database.ConnectionStringName}.");
    }

    /// <summary>Writes the marker, if it is not there yet, once the database is there.</summary>
    public static void Record(string connectionString, TimeProvider clock)
    {
        if (FileOf(connectionString) is not { } file || File.Exists(MarkerOf(file))) return;
        File.WriteAllText(MarkerOf(file),
            $"{clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}{Environment.NewLine}" +
            $"K-Vaccine created {Path.GetFileName(file)} then. While this file is here, it will not start without that database.{Environment.NewLine}");
    }

    private static string MarkerOf(string file) => file + ".created";

    /// <summary>The database's file, or null for one in memory.</summary>
    private static string? FileOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        return Path.GetFullPath(builder.DataSource);
    }
}

/// <summary>The database is not where it must be: the host says so in one line and does not start.</summary>
public sealed class MissingDatabaseException(string message) : Exception(message);

using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Tests.Persistence;

/// <summary>A race with another request (a 409) and a failing disk (a 503) are told apart, on errors SQLite really raises.</summary>
public sealed class DatabaseErrorsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public DatabaseErrorsTests()
    {
        using var connection = Open(_database.ConnectionString);
        Execute(connection, "CREATE TABLE citizens (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE)");
        Execute(connection, "INSERT INTO citizens (hash) VALUES ('a')");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_row_a_unique_index_refuses_is_a_race_not_a_storage_failure()
    {
        using var connection = Open(_database.ConnectionString);
        var refused = Failure(() => Execute(connection, "INSERT INTO citizens (hash) VALUES ('a')"));
        var samePrimaryKey = Failure(() => Execute(connection, "INSERT INTO citizens (id, hash) VALUES (1, 'b')"));

        foreach (var race in new[] { refused, samePrimaryKey, new DbUpdateException("EF's wrapper", refused) })
        {
            DatabaseErrors.IsUniqueViolation(race).Should().BeTrue(race.Message);
            DatabaseErrors.StorageFailure(race).Should().BeNull();
        }
    }

    [Fact]
    public void Another_broken_constraint_is_neither_a_race_nor_a_storage_failure()
    {
        using var connection = Open(_database.ConnectionString);
        var notNull = Failure(() => Execute(connection, "INSERT INTO citizens (hash) VALUES (NULL)"));

        DatabaseErrors.IsUniqueViolation(notNull).Should().BeFalse();
        DatabaseErrors.StorageFailure(notNull).Should().BeNull();
    }

    [Fact]
    public void A_database_that_cannot_be_written_or_opened_is_a_storage_failure_not_a_race()
    {
        using var readOnly = Open($"{_database.ConnectionString};Mode=ReadOnly");
        var unwritable = Failure(() => Execute(readOnly, "INSERT INTO citizens (hash) VALUES ('c')"));
        var missing = Failure(() => Open($"Data Source={Path.Combine(_database.Folder, "gone.db")};Mode=ReadWrite").Dispose());

        foreach (var (failure, code) in new[] { (unwritable, 8), (missing, 14), (new DbUpdateException("EF's wrapper", unwritable), 8) })
        {
            DatabaseErrors.StorageFailure(failure).Should().NotBeNull(failure.Message).And.Subject.As<SqliteException>().SqliteErrorCode.Should().Be(code);
            DatabaseErrors.IsUniqueViolation(failure).Should().BeFalse();
        }
    }

    [Fact]
    public void A_database_held_by_another_writer_is_busy_however_EF_wrapped_it()
    {
        using var holder = Open(_database.ConnectionString);
        Execute(holder, "BEGIN IMMEDIATE");
        using var waiting = Open($"{_database.ConnectionString};Default Timeout=1");
        var busy = Failure(() => Execute(waiting, "INSERT INTO citizens (hash) VALUES ('d')"));

        foreach (var failure in new[] { busy, new DbUpdateException("EF's wrapper", busy) })
        {
            DatabaseErrors.IsBusy(failure).Should().BeTrue(failure.Message);
            DatabaseErrors.StorageFailure(failure).Should().BeNull();
            DatabaseErrors.IsUniqueViolation(failure).Should().BeFalse();
        }
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Exception Failure(Action action)
    {
        try
        {
            action();
        }
        catch (SqliteException e)
        {
            return e;
        }
        throw new InvalidOperationException("SQLite raised no error.");
    }
}

using Npgsql;

namespace KVaccine.TestSupport;

/// <summary>
/// The PostgreSQL the tests run against: the one named by <c>KVACCINE_TEST_POSTGRESQL</c> (a connection string), or
/// else a throwaway <see cref="PostgreSqlCluster"/> this process starts itself, stopped when the process exits. Where neither can
/// be had, <see cref="Unavailable"/> says why, and the tests that need it skip saying so.
/// </summary>
public static class PostgreSqlServer
{
    public const string EnvironmentVariable = "KVACCINE_TEST_POSTGRESQL";

    private static readonly Lazy<(string? ConnectionString, string? Why)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why there is no PostgreSQL for the tests, or null when there is one.</summary>
    public static string? Unavailable => Server.Value.Why;

    /// <summary>The server's maintenance connection string (database <c>postgres</c>).</summary>
    public static string ConnectionString => Server.Value.ConnectionString
        ?? throw new InvalidOperationException($"No PostgreSQL for the tests: {Server.Value.Why}");

    /// <summary>Creates an empty database of its own for a test and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = $"kv_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever is still connected to it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static (string?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given) return (given, null);
        if (PostgreSqlCluster.Unavailable is { } why) return (null, $"{why} {EnvironmentVariable} is not set either.");
        try
        {
            var cluster = PostgreSqlCluster.Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
            return (cluster.ConnectionString, null);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return (null, $"The test cluster did not start: {e.Message}");
        }
    }
}

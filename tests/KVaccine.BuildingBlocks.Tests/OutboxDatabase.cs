using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.TestSupport;

namespace KVaccine.BuildingBlocks.Tests;

/// <summary>The database an outbox rule is tested on: a test class generic over it runs once per provider.</summary>
public abstract class OutboxDatabase : IDisposable
{
    /// <summary>Starts a host of the test modules on this database; several may share it.</summary>
    public abstract Task<OutboxHost> StartAsync(Faults faults, IDictionary<string, string?>? settings = null);

    public abstract void Dispose();
}

/// <summary>A SQLite file of its own.</summary>
public sealed class SqliteOutboxDatabase : OutboxDatabase
{
    private readonly TempDatabase _file = new();

    public override Task<OutboxHost> StartAsync(Faults faults, IDictionary<string, string?>? settings = null) => OutboxHost.StartAsync(_file, faults, settings);

    public override void Dispose() => _file.Dispose();
}

/// <summary>A database of its own on the tests' PostgreSQL (<see cref="PostgreSqlServer"/>).</summary>
public sealed class PostgreSqlOutboxDatabase : OutboxDatabase
{
    private readonly string _connectionString = PostgreSqlServer.CreateDatabase();

    public override Task<OutboxHost> StartAsync(Faults faults, IDictionary<string, string?>? settings = null) =>
        OutboxHost.StartOnPostgreSqlAsync(_connectionString, faults, settings);

    public override void Dispose() => PostgreSqlServer.DropDatabase(_connectionString);
}

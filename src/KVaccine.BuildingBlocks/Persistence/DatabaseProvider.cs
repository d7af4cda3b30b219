namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// The database a host keeps its data in (<c>Database:Provider</c>). SQLite is the default: one file, nothing to
/// install, one host. PostgreSQL is for when one host is not enough: several hosts on one database, a schema per module.
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which database and how to reach it, as the host's settings give them (see <see cref="Database.Settings"/>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;
}

/// <summary>A database setting that is missing or cannot be used; the message names its key.</summary>
public sealed class InvalidDatabaseSettingException(string message) : Exception(message);

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// WAL lets readers run beside the one writer; synchronous=NORMAL is durable in WAL mode against a process crash
/// (a power cut can lose the last commits, never corrupt the file). Set on every connection the pool opens.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

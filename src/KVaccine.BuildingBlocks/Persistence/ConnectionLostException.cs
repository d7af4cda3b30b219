using System.Data.Common;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// The connection under an open transaction broke between two statements (the server cut it: a restart, a failover,
/// an operator's pg_terminate_backend). The provider says so only as a completed transaction, which reads like a bug;
/// this says it is the storage's failure (see <see cref="DatabaseErrors.StorageFailure"/>).
/// </summary>
public sealed class ConnectionLostException(string message, Exception? inner = null) : DbException(message, inner)
{
    /// <summary>Throws when <paramref name="transaction"/> was ended under its user by a connection that is no longer open.</summary>
    public static void ThrowIfLost(DbConnection connection, DbTransaction? transaction)
    {
        if (transaction is not null && connection.State != System.Data.ConnectionState.Open)
            throw new ConnectionLostException($"The database connection broke in the middle of a transaction (it is {connection.State}); nothing of the transaction was saved.");
    }
}

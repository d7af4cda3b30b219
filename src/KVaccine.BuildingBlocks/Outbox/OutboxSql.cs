using System.Data.Common;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Commands for the outbox's statements in SQL (<see cref="OutboxStatements"/>): parameters by name, bound by position.
/// </summary>
internal static class OutboxSql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameters)
    {
        Persistence.ConnectionLostException.ThrowIfLost(connection, transaction);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    /// <summary>Adds one parameter per id and returns the list to put in <c>IN (…)</c>.</summary>
    public static string InList(DbCommand command, IReadOnlyCollection<long> ids)
    {
        var names = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@id{names.Count}";
            parameter.Value = id;
            command.Parameters.Add(parameter);
            names.Add(parameter.ParameterName);
        }
        return string.Join(", ", names);
    }
}

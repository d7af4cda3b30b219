using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>Wakes consumers only once the events written in an explicit transaction are committed.</summary>
internal sealed class OutboxCommitInterceptor : DbTransactionInterceptor
{
    public static OutboxCommitInterceptor Instance { get; } = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.OnCommitted();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.OnCommitted();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.OnRolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.OnRolledBack();
        return Task.CompletedTask;
    }
}

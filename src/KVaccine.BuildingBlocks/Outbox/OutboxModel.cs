using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The outbox tables' mapping. <see cref="OutboxDbContext"/> owns their migrations; every module context maps them
/// too (excluded from its migrations) so that its SaveChanges writes state and events in one transaction.
/// </summary>
internal static class OutboxModel
{
    public static void Configure(ModelBuilder model, bool excludeFromMigrations, OutboxStatements statements)
    {
        model.Entity<OutboxMessage>(m =>
        {
            m.ToTable("outbox_messages", t => t.ExcludeFromMigrations(excludeFromMigrations));
            m.HasKey(x => x.Id);
            m.Property(x => x.Type).HasMaxLength(300);
            m.Property(x => x.CorrelationKey).HasMaxLength(100);
            m.Property(x => x.Publisher).HasMaxLength(50);
            m.Property(x => x.TraceParent).HasMaxLength(64);
            m.HasMany(x => x.Deliveries).WithOne(d => d.Message).HasForeignKey(d => d.MessageId);
            m.HasIndex(x => x.OccurredAtMs); // pruning finds the old messages without reading every one
        });
        model.Entity<OutboxDelivery>(d =>
        {
            d.ToTable("outbox_deliveries", t => t.ExcludeFromMigrations(excludeFromMigrations));
            d.HasKey(x => x.Id);
            d.Property(x => x.Consumer).HasMaxLength(50);
            d.Property(x => x.CorrelationKey).HasMaxLength(100);
            d.Property(x => x.LockToken).HasMaxLength(32).IsConcurrencyToken();
            d.Property(x => x.Status).IsConcurrencyToken();
            // Partial indexes, each holding only the rows its queries look for. Nearly every row is delivered, and a
            // delivery is written twice (inserted pending, then completed): indexes over all rows that include the
            // status would grow with the history and move the row within each of them on every completion, where
            // partial ones only take it out of the two small backlog indexes and put it in the delivered one. The
            // filters are spelled as the statements spell them (OutboxStatements).
            // The claim: a consumer's pending rows in commit order…
            d.HasIndex(x => new { x.Consumer, x.MessageId }, "IX_outbox_deliveries_pending").HasFilter(statements.PendingFilter);
            // …and whether an earlier event of the same key is still undelivered (pending or dead-lettered).
            d.HasIndex(x => new { x.Consumer, x.CorrelationKey, x.MessageId }, "IX_outbox_deliveries_undelivered").HasFilter(statements.UndeliveredFilter);
            // The operator's dead letters.
            d.HasIndex(x => x.Consumer, "IX_outbox_deliveries_dead_letters").HasFilter(statements.DeadLetterFilter);
            // Pruning: the delivered rows by age.
            d.HasIndex(x => x.DeliveredAtMs, "IX_outbox_deliveries_delivered").HasFilter(statements.DeliveredFilter);
        });
    }
}

using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The outbox tables' mapping. <see cref="OutboxDbContext"/> owns their migrations; every module context maps them
/// too (excluded from its migrations) so that its SaveChanges writes state and events in one transaction.
/// </summary>
internal static class OutboxModel
{
    public static void Configure(ModelBuilder model, bool excludeFromMigrations)
    {
        model.Entity<OutboxMessage>(m =>
        {
            m.ToTable("outbox_messages", t => t.ExcludeFromMigrations(excludeFromMigrations));
            m.HasKey(x => x.Id);
            m.Property(x => x.Type).HasMaxLength(300);
            m.Property(x => x.CorrelationKey).HasMaxLength(100);
            m.Property(x => x.Publisher).HasMaxLength(50);
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
            // The claim: a consumer's pending rows in commit order, and the head of each key.
            d.HasIndex(x => new { x.Consumer, x.Status, x.MessageId });
            d.HasIndex(x => new { x.Consumer, x.CorrelationKey, x.Status, x.MessageId });
            d.HasIndex(x => new { x.Status, x.DeliveredAtMs });
        });
    }
}

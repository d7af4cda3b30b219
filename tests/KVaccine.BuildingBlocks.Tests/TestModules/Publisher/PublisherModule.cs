using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Publisher;

public sealed class PublisherModule() : TestModule<PublisherDbContext, PostgreSqlPublisherDbContext>("Publisher");

public sealed class Item
{
    public long Id { get; set; }
    public int Seq { get; set; }
}

/// <summary>The producing module: its state is items; each item it saves raises an <see cref="ItemCreated"/>.</summary>
public class PublisherDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public override string ModuleName => "Publisher";

    public DbSet<Item> Items => Set<Item>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Item>().ToTable("publisher_items");
    }
}

public sealed class PostgreSqlPublisherDbContext(DbContextOptions<PostgreSqlPublisherDbContext> options) : PublisherDbContext(options);

public sealed class PublisherDbContextFactory : IDesignTimeDbContextFactory<PublisherDbContext>
{
    public PublisherDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PublisherDbContext>("Publisher"));
}

public sealed class PostgreSqlPublisherDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlPublisherDbContext>
{
    public PostgreSqlPublisherDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PostgreSqlPublisherDbContext>("Publisher", DatabaseProvider.PostgreSQL));
}

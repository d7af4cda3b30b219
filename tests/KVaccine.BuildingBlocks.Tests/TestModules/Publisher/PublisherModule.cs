using KVaccine.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Publisher;

public sealed class PublisherModule() : TestModule<PublisherDbContext>("Publisher");

public sealed class Item
{
    public long Id { get; set; }
    public int Seq { get; set; }
}

/// <summary>The producing module: its state is items; each item it saves raises an <see cref="ItemCreated"/>.</summary>
public sealed class PublisherDbContext(DbContextOptions<PublisherDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "Publisher";

    public DbSet<Item> Items => Set<Item>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Item>().ToTable("publisher_items");
    }
}

public sealed class PublisherDbContextFactory : IDesignTimeDbContextFactory<PublisherDbContext>
{
    public PublisherDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PublisherDbContext>("Publisher"));
}

using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using MediatR;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Tests.TestModules;

/// <summary>One application of an event by a consumer. No unique key: a double application would show as two rows.</summary>
public sealed class Applied
{
    public long Id { get; set; }
    public int Seq { get; set; }
    public required string Key { get; set; }
}

/// <summary>A consumer's context: its own table of what it applied, and the outbox mapping from the base.</summary>
public abstract class RecordingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public DbSet<Applied> Applied => Set<Applied>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Applied>().ToTable($"{ModuleName.ToLowerInvariant()}_applied");
    }
}

/// <summary>Applies an event by recording it, then does whatever the test asked (throw, wait).</summary>
public abstract class RecordingHandler<TContext>(TContext db, Faults faults) : INotificationHandler<ItemCreated>
    where TContext : RecordingDbContext
{
    public async Task Handle(ItemCreated e, CancellationToken cancellationToken)
    {
        if (faults.IsUnsavable(db.ModuleName, e.Seq)) SimulateUnsavableRow(e);
        else db.Applied.Add(new Applied { Seq = e.Seq, Key = e.Key });
        if (faults.TakeConflict(db.ModuleName, e.Seq)) SimulateLostRace(e);
        if (faults.TakeDuplicate(db.ModuleName, e.Seq)) await SimulateDuplicateInsertAsync(e);
        if (faults.TakeReadOnly(db.ModuleName, e.Seq)) await SimulateReadOnlyDiskAsync();
        await faults.AfterApplyAsync(db.ModuleName, e);
    }

    /// <summary>
    /// SQLite itself refuses every write of this connection (the one the batch's save uses) with SQLITE_READONLY, as
    /// it does on a file it could not open for writing; the connection stays so, like one SQLite opened read-only.
    /// </summary>
    private Task SimulateReadOnlyDiskAsync() => db.Database.ExecuteSqlRawAsync("PRAGMA query_only = 1");

    /// <summary>
    /// A NOT NULL column left null makes the save fail, as a constraint violation in a real handler would: the
    /// handler itself succeeds, only its SaveChanges fails.
    /// </summary>
    private void SimulateUnsavableRow(ItemCreated e) => db.Applied.Add(new Applied { Seq = e.Seq, Key = null! });

    /// <summary>
    /// An update of a row another writer deleted after this handler read it: no row has a negative id, so the save's
    /// UPDATE matches nothing and EF reports a concurrency conflict, as it does for a stale concurrency token.
    /// </summary>
    private void SimulateLostRace(ItemCreated e) => db.Applied.Update(new Applied { Id = -e.Seq, Seq = e.Seq, Key = e.Key });

    /// <summary>An insert of a row another writer committed after this handler looked: its key is taken, and the save fails on the unique key.</summary>
    private async Task SimulateDuplicateInsertAsync(ItemCreated e)
    {
        var taken = await db.Applied.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        db.Applied.Add(new Applied { Id = taken, Seq = e.Seq, Key = "raced" });
    }
}

public abstract class TestModule<TContext, TPostgreSqlContext>(string name) : IModule
    where TContext : ModuleDbContext
    where TPostgreSqlContext : TContext
{
    public string Name => name;

    public Type DbContextType => typeof(TContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<TContext, TPostgreSqlContext>(configuration, name.ToLowerInvariant());

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

/// <summary>For <c>dotnet ef migrations add</c> on the test contexts.</summary>
public static class DesignTime
{
    public static DbContextOptions<T> Options<T>(string module, DatabaseProvider provider = DatabaseProvider.Sqlite) where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        var settings = new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=design.db" : "Host=localhost;Database=design");
        Database.Configure(options, settings, module.ToLowerInvariant(), typeof(T).Assembly.GetName().Name!);
        return options.Options;
    }
}

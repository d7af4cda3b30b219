using KVaccine.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Builds a module's context for <c>dotnet ef migrations add</c>, without the host. A module declares it in one line:
/// <c>internal sealed class UserDbContextFactory() : DesignTimeFactory&lt;UserDbContext&gt;(UserDbContext.MigrationsTable);</c>
/// </summary>
public abstract class DesignTimeFactory<TContext>(string migrationsTable) : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        Database.Configure(options, Database.DefaultConnectionString, migrationsTable, typeof(TContext).Assembly.GetName().Name!);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}

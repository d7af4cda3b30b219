using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Builds a context for <c>dotnet ef migrations add</c>, without the host, one per provider. A module declares them
/// in a line each: <c>internal sealed class UserDbContextFactory() : DesignTimeFactory&lt;UserDbContext&gt;("user", DatabaseProvider.Sqlite);</c>
/// </summary>
public abstract class DesignTimeFactory<TContext>(string schema, DatabaseProvider provider) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    // Never connected to: scaffolding a migration reads the model only.
    private const string PostgreSqlDesignTime = "Host=localhost;Database=kvaccine";

    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        var settings = new DatabaseSettings(provider, provider == DatabaseProvider.PostgreSQL ? PostgreSqlDesignTime : Database.DefaultConnectionString);
        Database.Configure(options, settings, schema, typeof(TContext).Assembly.GetName().Name!);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}

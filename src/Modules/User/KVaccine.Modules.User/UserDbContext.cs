using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.Modules.User;

internal sealed class UserDbContext(DbContextOptions<UserDbContext> options, OutboxServices outbox) : ModuleDbContext(options, outbox)
{
    public const string MigrationsTable = "__ef_migrations_user";

    public override string ModuleName => UserModule.ModuleName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class UserDbContextFactory : IDesignTimeDbContextFactory<UserDbContext>
{
    public UserDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<UserDbContext>();
        Database.Configure(options, Database.DefaultConnectionString, UserDbContext.MigrationsTable, typeof(UserDbContext).Assembly.GetName().Name!);
        return new UserDbContext(options.Options, OutboxServices.DesignTime);
    }
}

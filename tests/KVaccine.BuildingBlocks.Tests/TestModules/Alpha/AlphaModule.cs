using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Alpha;

public sealed class AlphaModule() : TestModule<AlphaDbContext, PostgreSqlAlphaDbContext>("Alpha");

public class AlphaDbContext(DbContextOptions options) : RecordingDbContext(options)
{
    public override string ModuleName => "Alpha";
}

public sealed class AlphaHandler(AlphaDbContext db, Faults faults) : RecordingHandler<AlphaDbContext>(db, faults);

public sealed class PostgreSqlAlphaDbContext(DbContextOptions<PostgreSqlAlphaDbContext> options) : AlphaDbContext(options);

public sealed class AlphaDbContextFactory : IDesignTimeDbContextFactory<AlphaDbContext>
{
    public AlphaDbContext CreateDbContext(string[] args) => new(DesignTime.Options<AlphaDbContext>("Alpha"));
}

public sealed class PostgreSqlAlphaDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlAlphaDbContext>
{
    public PostgreSqlAlphaDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PostgreSqlAlphaDbContext>("Alpha", DatabaseProvider.PostgreSQL));
}

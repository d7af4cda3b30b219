using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Beta;

public sealed class BetaModule() : TestModule<BetaDbContext, PostgreSqlBetaDbContext>("Beta");

public class BetaDbContext(DbContextOptions options) : RecordingDbContext(options)
{
    public override string ModuleName => "Beta";
}

public sealed class BetaHandler(BetaDbContext db, Faults faults) : RecordingHandler<BetaDbContext>(db, faults);

public sealed class PostgreSqlBetaDbContext(DbContextOptions<PostgreSqlBetaDbContext> options) : BetaDbContext(options);

public sealed class BetaDbContextFactory : IDesignTimeDbContextFactory<BetaDbContext>
{
    public BetaDbContext CreateDbContext(string[] args) => new(DesignTime.Options<BetaDbContext>("Beta"));
}

public sealed class PostgreSqlBetaDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlBetaDbContext>
{
    public PostgreSqlBetaDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PostgreSqlBetaDbContext>("Beta", DatabaseProvider.PostgreSQL));
}

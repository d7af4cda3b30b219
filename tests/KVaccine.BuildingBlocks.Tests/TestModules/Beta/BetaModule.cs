using KVaccine.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Beta;

public sealed class BetaModule() : TestModule<BetaDbContext>("Beta");

public sealed class BetaDbContext(DbContextOptions<BetaDbContext> options) : RecordingDbContext(options)
{
    public override string ModuleName => "Beta";
}

public sealed class BetaHandler(BetaDbContext db, Faults faults) : RecordingHandler<BetaDbContext>(db, faults);

public sealed class BetaDbContextFactory : IDesignTimeDbContextFactory<BetaDbContext>
{
    public BetaDbContext CreateDbContext(string[] args) => new(DesignTime.Options<BetaDbContext>("Beta"));
}

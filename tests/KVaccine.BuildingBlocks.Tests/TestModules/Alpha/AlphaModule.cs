using KVaccine.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.BuildingBlocks.Tests.TestModules.Alpha;

public sealed class AlphaModule() : TestModule<AlphaDbContext>("Alpha");

public sealed class AlphaDbContext(DbContextOptions<AlphaDbContext> options) : RecordingDbContext(options)
{
    public override string ModuleName => "Alpha";
}

public sealed class AlphaHandler(AlphaDbContext db, Faults faults) : RecordingHandler<AlphaDbContext>(db, faults);

public sealed class AlphaDbContextFactory : IDesignTimeDbContextFactory<AlphaDbContext>
{
    public AlphaDbContext CreateDbContext(string[] args) => new(DesignTime.Options<AlphaDbContext>("Alpha"));
}

using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KVaccine.Modules.User.Citizens;

/// <summary>Forgets, hourly, the wrong names and locks that have run out: probing many numbers must not fill the disk.</summary>
internal sealed class IdentityLockPruner(IServiceScopeFactory scopes, TimeProvider clock, WriteGate writers, ILogger<IdentityLockPruner> logger)
    : PeriodicPruner(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string What => "identity locks";

    public override async Task<int> PruneAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var scope = scopes.CreateAsyncScope();
        using var turn = await writers.EnterAsync(ct);
        return await scope.ServiceProvider.GetRequiredService<UserDbContext>().IdentityLocks.Where(l => l.ForgetAfterMs < now).ExecuteDeleteAsync(ct);
    }
}

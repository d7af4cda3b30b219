using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KVaccine.Modules.User.Citizens;

/// <summary>Forgets, hourly, the wrong names and locks that have run out: probing many numbers must not fill the disk.</summary>
internal sealed class IdentityLockPruner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdentityLockPruner> logger) : BackgroundService
{
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserDbContext>().IdentityLocks.Where(l => l.ForgetAfterMs < now).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await PruneAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pruning identity locks failed; it is tried again in an hour");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

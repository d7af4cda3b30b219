using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>Ready when the migrations are applied and the database answers.</summary>
public sealed class DatabaseReadyCheck(OutboxDbContext db, DatabaseState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!state.MigrationsApplied) return HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>Ready when the outbox dispatcher runs (or is switched off in this host on purpose).</summary>
public sealed class DispatcherReadyCheck(OutboxDispatcher dispatcher, IOptionsMonitor<OutboxOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(
            !options.CurrentValue.DispatcherEnabled ? HealthCheckResult.Healthy("The dispatcher is switched off in this host.")
            : dispatcher.IsRunning ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The outbox dispatcher is not running."));
}

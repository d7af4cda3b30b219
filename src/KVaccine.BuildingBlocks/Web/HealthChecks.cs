using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// Ready when the migrations are applied and the database answers, from the file the host opened (see
/// <see cref="DatabaseFileGuard"/>), and takes writes again if a write met a storage failure: then each check tries
/// one, so that a host taken out of service for it comes back by itself once the disk does.
/// </summary>
public sealed class DatabaseReadyCheck(OutboxDbContext db, DatabaseState state, StorageHealth storage) : IHealthCheck
{
    private const string CannotBeWritten = "The database cannot be written: ";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!state.MigrationsApplied) return HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        try
        {
            if (storage.Current is not null && await storage.ProbeAsync(ct) is { } outage)
                return HealthCheckResult.Unhealthy(CannotBeWritten + outage.Reason);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (DatabaseErrors.StorageFailure(ex) is { } failure)
        {
            storage.Failed(failure);
            return HealthCheckResult.Unhealthy(CannotBeWritten + failure.Message);
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

/// <summary>
/// Live unless a consumer's loop has stalled (<see cref="OutboxOptions.StalledAfterSeconds"/>): stuck in a call that
/// never returns, which only a restart ends. Everything else a host waits out by itself (its database gone, a disk
/// full, a module switched off) makes it unready, not dead: restarting it would not help.
/// </summary>
public sealed class DispatcherLiveCheck(OutboxDispatcher dispatcher, IOptionsMonitor<OutboxOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(dispatcher.StalledConsumers() is { Count: > 0 } stalled
            ? HealthCheckResult.Unhealthy($"The outbox loop of {string.Join(", ", stalled)} has not moved for {options.CurrentValue.StalledAfterSeconds} s.")
            : HealthCheckResult.Healthy());
}

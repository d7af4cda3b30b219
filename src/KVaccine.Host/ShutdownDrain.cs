using System.Runtime.InteropServices;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace KVaccine.Host;

/// <summary><c>Shutdown:DrainSeconds</c>: how long a host told to stop (SIGTERM) goes on serving while it reports not ready.</summary>
internal sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    public const int MaxDrainSeconds = 60;

    public int DrainSeconds { get; set; } = 5;

    internal sealed class Validator : IValidateOptions<ShutdownOptions>
    {
        public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
            options.DrainSeconds is < 0 or > MaxDrainSeconds
                ? ValidateOptionsResult.Fail($"{Section}:DrainSeconds: {options.DrainSeconds} is not from 0 to {MaxDrainSeconds} (seconds a stopping host goes on serving, not ready).")
                : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// The host's lifetime in place of the console's. On SIGTERM (an orchestrator replacing it) the host first reports not
/// ready and goes on serving for <c>Shutdown:DrainSeconds</c>, so that a gateway or Kubernetes stops sending it
/// requests before it stops listening; then it stops as before, within <c>HostOptions:ShutdownTimeout</c>. The console's
/// lifetime would stop it at the signal. A second SIGTERM, SIGINT (Ctrl+C) and SIGQUIT stop it at once.
/// </summary>
internal sealed class ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, TimeProvider clock, ILogger<ShutdownDrain> logger)
    : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, StopNow));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, StopNow));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnTerminate(PosixSignalContext signal)
    {
        signal.Cancel = true; // the process stops when the host has, not when the signal arrives
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        if (Interlocked.Exchange(ref _draining, 1) == 1 || drain == TimeSpan.Zero)
        {
            lifetime.StopApplication();
            return;
        }
        logger.LogInformation("Stopping: not ready, serving for {DrainSeconds} s more", drain.TotalSeconds);
        _ = Task.Delay(drain, clock).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
    }

    private void StopNow(PosixSignalContext signal)
    {
        signal.Cancel = true;
        Volatile.Write(ref _draining, 1);
        lifetime.StopApplication();
    }

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
    }

    /// <summary>Not ready while draining: the one check that says the host is going away on purpose.</summary>
    internal sealed class Check(ShutdownDrain drain) : IHealthCheck
    {
        public const string Name = "stopping";

        /// <summary>
        /// The platform logs each unhealthy check as an error, here twice a second for a stop that is planned (and
        /// logged once, when it starts): these lines are dropped.
        /// </summary>
        public static bool IsItsLogLine(LogEvent line) =>
            line.Properties.TryGetValue("HealthCheckName", out var name) && name is ScalarValue { Value: Name };

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("The host is stopping: it still serves what reaches it, then finishes what it holds.") : HealthCheckResult.Healthy());
    }
}

internal static class ShutdownDrainRegistration
{
    public static void AddShutdownDrain(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().Bind(builder.Configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptions.Validator>();
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddSingleton<IHostLifetime>(services => services.GetRequiredService<ShutdownDrain>());
    }
}

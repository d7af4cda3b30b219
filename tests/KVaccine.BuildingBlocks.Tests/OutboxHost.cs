using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Tests.TestModules;
using KVaccine.BuildingBlocks.Tests.TestModules.Alpha;
using KVaccine.BuildingBlocks.Tests.TestModules.Beta;
using KVaccine.BuildingBlocks.Tests.TestModules.Publisher;
using KVaccine.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Tests;

/// <summary>
/// A real host of three test modules over a real SQLite file: Publisher raises <see cref="ItemCreated"/>; Alpha and
/// Beta each record what they apply. Nothing about the outbox is faked.
/// </summary>
public sealed class OutboxHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ConfigurationManager _configuration;

    private OutboxHost(IHost host, ConfigurationManager configuration, CapturedLogs logs)
    {
        _host = host;
        _configuration = configuration;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>What the host logged at Information or above.</summary>
    public CapturedLogs Logs { get; }

    public static Task<OutboxHost> StartAsync(TempDatabase database, Faults faults, IDictionary<string, string?>? settings = null) =>
        StartAsync(DatabaseProvider.Sqlite, database.ConnectionString, faults, settings);

    /// <summary>The same host on a PostgreSQL database (<see cref="PostgreSqlServer.CreateDatabase"/>); several may share one.</summary>
    public static Task<OutboxHost> StartOnPostgreSqlAsync(string connectionString, Faults faults, IDictionary<string, string?>? settings = null) =>
        StartAsync(DatabaseProvider.PostgreSQL, connectionString, faults, settings);

    private static async Task<OutboxHost> StartAsync(DatabaseProvider provider, string connectionString, Faults faults, IDictionary<string, string?>? settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Database.ProviderKey] = provider.ToString(),
            ["ConnectionStrings:KVaccine"] = connectionString,
            ["Outbox:PollIntervalMs"] = "60000", // so that only a wake-up on commit can explain a prompt delivery
            ["Outbox:RetryBaseDelayMs"] = "20",
            ["Outbox:MaxRetryDelayMs"] = "200",
            ["Outbox:MaxAttempts"] = "4",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(faults);
        if (Environment.GetEnvironmentVariable("KVACCINE_TEST_LOGS") == "1") builder.Logging.AddSimpleConsole();
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Services.AddModules(builder.Configuration, [new PublisherModule(), new AlphaModule(), new BetaModule()]);
        var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();
        await host.StartAsync();
        return new OutboxHost(host, builder.Configuration, logs);
    }

    /// <summary>Saves one item per event and raises the events, all in one SaveChanges.</summary>
    public async Task PublishAsync(params ItemCreated[] events)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublisherDbContext>();
        foreach (var e in events)
        {
            db.Items.Add(new Item { Seq = e.Seq });
            db.Raise(e);
        }
        await db.SaveChangesAsync();
    }

    public async Task<List<Applied>> AppliedAsync<TContext>() where TContext : RecordingDbContext
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Applied.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public Task<List<Applied>> AlphaAsync() => AppliedAsync<AlphaDbContext>();

    public Task<List<Applied>> BetaAsync() => AppliedAsync<BetaDbContext>();

    public async Task<T> QueryOutboxAsync<T>(Func<OutboxDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OutboxDbContext>());
    }

    /// <summary>What an operator sees at <c>GET /admin/outbox</c>.</summary>
    public async Task<OutboxStatus> StatusAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await Administration(scope.ServiceProvider).StatusAsync(default);
    }

    /// <summary>The operator's outbox use cases, in a scope of this host, on the wall clock.</summary>
    public static OutboxAdministration Administration(IServiceProvider scoped) =>
        ActivatorUtilities.CreateInstance<OutboxAdministration>(scoped, TimeProvider.System);

    /// <summary>Flips <c>Modules:{name}:Enabled</c> and reloads the configuration, as an edit of the file would.</summary>
    public void Toggle(string module, bool enabled)
    {
        _configuration[$"Modules:{module}:Enabled"] = enabled ? "true" : "false";
        ((IConfigurationRoot)_configuration).Reload();
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

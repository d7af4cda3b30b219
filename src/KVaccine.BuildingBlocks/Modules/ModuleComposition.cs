using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.KeyRing;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>How a host is made of modules: their services, the outbox between them, their routes, their tables.</summary>
public static class ModuleComposition
{
    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> modules)
    {
        services.TryAddSingleton<TimeProvider, ShiftedClock>();
        services.AddSingleton<ModuleToggles>();
        services.AddSingleton<LocalCalendar>();
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptions.Validator>();
        services.AddOptions<VaccineTypes>()
            .Configure(o => o.All = SettingList.Read(configuration.GetSection(VaccineTypes.Section)) is { Count: > 0 } listed ? listed : VaccineTypes.Default)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VaccineTypes>, VaccineTypes.Validator>();
        services.AddOptions<VaccineSchedules>()
            .Configure(o =>
            {
                var listed = configuration.GetSection(VaccineSchedules.Section).GetChildren().ToList();
                foreach (var type in listed) o.Types[type.Key] = type.Get<VaccineSchedule>() ?? new VaccineSchedule();
                if (listed.Count == 0) foreach (var (type, schedule) in VaccineSchedules.Default) o.Types[type] = schedule;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VaccineSchedules>, VaccineSchedules.Validator>();
        services.AddSingleton(modules);

        var consumers = modules.Select(m => new ConsumerModule(m.Name, m.GetType().Assembly, m.GetType().Namespace!, m.DbContextType)).ToList();
        var routes = new EventRoutes(consumers);
        services.AddSingleton(routes);
        foreach (var consumer in consumers) services.AddSingleton(consumer);
        foreach (var handler in routes.HandlerTypes) services.AddScoped(handler);

        var database = Database.Settings(configuration);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart()
            // PostgreSQL is the database several hosts share: their claims always take leases.
            .PostConfigure(o => o.SharedDatabase |= database.IsPostgreSql);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<OutboxServices>();
        services.AddSingleton<DeliveryLeases>();
        services.AddSingleton<FaultInjection>();
        // The fault harness's switches: a Production host with either set refuses to start.
        services.AddOptions<TestSwitches>()
            .Validate<FaultInjection, IHostEnvironment>((_, faults, env) => !env.IsProduction() || !faults.IsConfigured,
                "FaultInjection is a test-only switch and cannot be set in Production.")
            .Validate<IHostEnvironment>((_, env) => !env.IsProduction() || !ShiftedClock.IsSet(configuration),
                $"{ShiftedClock.Key} is a test-only switch and cannot be set in Production.")
            .ValidateOnStart();
        services.AddSingleton<HostNotices>();
        if (database.IsPostgreSql)
        {
            services.AddSingleton<PostgreSqlListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgreSqlListener>());
        }
        services.AddMetrics();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<OutboxPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxPruner>());
        services.AddModuleDbContext<OutboxDbContext, PostgreSqlOutboxDbContext>(configuration, OutboxDbContext.Schema);
        services.AddScoped<OutboxAdministration>();
        services.AddSingleton<DatabaseState>();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<StorageHealth>();

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        foreach (var assembly in modules.Select(m => m.GetType().Assembly).Distinct())
        {
            AddRequestHandlers(services, assembly);
            services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        }
        foreach (var module in modules) module.AddServices(services, configuration);
        return services;
    }

    /// <summary>Maps each module's routes on a group that answers 503 while the module is switched off.</summary>
    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder endpoints)
    {
        foreach (var module in endpoints.ServiceProvider.GetRequiredService<IReadOnlyList<IModule>>())
        {
            var group = endpoints.MapGroup("").WithTags(module.Name).AddEndpointFilter(new ModuleAvailabilityFilter(module.Name));
            module.MapEndpoints(group);
        }
        return endpoints;
    }

    /// <summary>
    /// Creates the database if needed, applies every context's migrations, then lets each module seed. A database
    /// whose history says it existed is not created again (<see cref="MissingDatabaseException"/>). On PostgreSQL
    /// hosts starting together do this in turns (<see cref="PostgreSqlStart"/>).
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var database = Database.Settings(services.GetRequiredService<IConfiguration>());
        var mustExist = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MustExist;
        await using var turn = database.IsPostgreSql ? await PostgreSqlStart.TakeTurnAsync(database.ConnectionString, mustExist, ct) : null;
        if (!database.IsPostgreSql)
        {
            DatabaseHistory.ThrowIfLost(database.ConnectionString, mustExist);
            Database.EnsureDirectory(database.ConnectionString);
            await Database.EnableWriteAheadLogAsync(database.ConnectionString, ct);
        }
        var modules = services.GetRequiredService<IReadOnlyList<IModule>>();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDbContext>().Database.MigrateAsync(ct);
            if (scope.ServiceProvider.GetService<IdempotencyDbContext>() is { } idempotency) await idempotency.Database.MigrateAsync(ct);
            if (scope.ServiceProvider.GetService<KeyRingDbContext>() is { } keyRing) await keyRing.Database.MigrateAsync(ct);
            foreach (var module in modules)
                await ((DbContext)scope.ServiceProvider.GetRequiredService(module.DbContextType)).Database.MigrateAsync(ct);
        }
        foreach (var module in modules)
        {
            await using var scope = services.CreateAsyncScope();
            await module.InitializeAsync(scope.ServiceProvider, ct);
        }
        if (!database.IsPostgreSql) DatabaseHistory.Record(database.ConnectionString, services.GetRequiredService<TimeProvider>());
        services.GetRequiredService<DatabaseState>().MigrationsApplied = true;
    }

    private static void AddRequestHandlers(IServiceCollection services, System.Reflection.Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType
                         && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || i.GetGenericTypeDefinition() == typeof(IRequestHandler<>))))
            {
                services.AddScoped(contract, type);
            }
        }
    }
}

/// <summary>What start-up validates the test-only switches (FaultInjection, Testing:ClockOffset) against.</summary>
internal sealed class TestSwitches;

/// <summary>Whether start-up has applied every migration; readiness reports it.</summary>
public sealed class DatabaseState
{
    public bool MigrationsApplied { get; set; }
}

using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Reservation;

/// <summary>The calendar: which dates are open, how many places each has left, and the decision on every booking.</summary>
public sealed class ReservationModule : IModule
{
    public const string ModuleName = "Reservation";

    public string Name => ModuleName;

    public Type DbContextType => typeof(ReservationDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ReservationDbContext, PostgreSqlReservationDbContext>(configuration, ReservationDbContext.Schema);
        services.AddOptions<ReservationOptions>().Bind(configuration.GetSection(ReservationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CalendarPolicy>();
        services.AddSingleton<SlotBoard>();
        services.AddSingleton<IHostNoticeHandler>(sp => sp.GetRequiredService<SlotBoard>());
        services.AddSingleton<IAvailableDates, AvailableDatesQuery>();
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<SlotBoard>().LoadAsync(ct);

    // Reservation has no routes of its own: citizens reach it through User, the one synchronous path.
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

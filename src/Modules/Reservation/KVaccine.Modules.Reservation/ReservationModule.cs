using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.Reservation.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation;

/// <summary>The calendar: the vaccination sites, their slots and the places each has left, and the decision on every booking.</summary>
public sealed class ReservationModule : IModule
{
    public const string ModuleName = "Reservation";

    public string Name => ModuleName;

    public Type DbContextType => typeof(ReservationDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ReservationDbContext, PostgreSqlReservationDbContext>(configuration, ReservationDbContext.Schema);
        services.AddOptions<ReservationOptions>().Bind(configuration.GetSection(ReservationOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.DailyCapacity is null,
                $"{ReservationOptions.Section}:DailyCapacity: is no longer read: places are given per slot of each site, as {SiteSettings.Section}:N:FirstDoseCapacity and :SecondDoseCapacity. Remove the setting.")
            .ValidateOnStart();
        services.AddOptions<SiteSettings>().Configure(o => SiteSettings.Bind(o, configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteSettings>, SiteSettings.Validator>();
        services.AddSingleton<CalendarPolicy>();
        services.AddSingleton<SlotBoard>();
        services.AddSingleton<IHostNoticeHandler>(sp => sp.GetRequiredService<SlotBoard>());
        services.AddSingleton<IAvailableDates, AvailableDatesQuery>();
        services.AddScoped<SlotsToCome>();
    }

    /// <summary>Seeds the sites of the settings once, when the database has none; an Admin manages them from then on.</summary>
    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<ReservationDbContext>();
        if (!await db.Sites.AnyAsync(ct))
        {
            var known = services.GetRequiredService<IOptions<VaccineTypes>>().Value;
            foreach (var (definition, closedDays) in services.GetRequiredService<IOptions<SiteSettings>>().Value.Sites)
            {
                var site = new Site();
                definition.ApplyTo(site, known);
                foreach (var day in closedDays)
                {
                    SiteSettings.TryParseDate(day, out var date);
                    site.ClosedDays.Add(new ClosedDay { Date = date });
                }
                db.Sites.Add(site);
                // One at a time, so the first of the settings is the default site, whatever order the database gives ids in.
                await db.SaveChangesAsync(ct);
            }
        }
        await services.GetRequiredService<SlotBoard>().LoadAsync(ct);
    }

    // Citizens reach the calendar through User (the one synchronous path); Admin manages the sites here.
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var sites = endpoints.MapGroup("/admin/sites").RequireAuthorization(StaffPolicies.Admin).WithTags("Admin");
        ListSites.Map(sites);
        AddSite.Map(sites);
        ChangeSite.Map(sites);
        CloseDay.Map(sites);
        ReopenDay.Map(sites);
    }
}

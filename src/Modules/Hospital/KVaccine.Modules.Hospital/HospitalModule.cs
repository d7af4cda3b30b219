using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Hospital.Bookings;
using KVaccine.Modules.Hospital.Grpc;
using KVaccine.Modules.Hospital.Staff;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Hospital;

/// <summary>The hospital: its bookings, the choice of each citizen's vaccine, the injections, and the staff's accounts.</summary>
public sealed class HospitalModule : IModule
{
    public const string ModuleName = "Hospital";

    public string Name => ModuleName;

    public Type DbContextType => typeof(HospitalDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<HospitalDbContext, PostgreSqlHospitalDbContext>(configuration, HospitalDbContext.Schema);
        services.AddOptions<HospitalOptions>()
            .Bind(configuration.GetSection(HospitalOptions.Section))
            .Configure<IOptions<VaccineTypes>>((o, known) =>
            {
                var offered = SettingList.Read(configuration.GetSection($"{HospitalOptions.Section}:VaccineTypes"));
                o.VaccineTypes = offered.Count > 0 ? offered.Select(t => known.Value.Find(t) ?? t).ToArray() : known.Value.All;
            })
            .ValidateDataAnnotations()
            .ValidateVaccineTypes(o => o.VaccineTypes.Select(t => ($"{HospitalOptions.Section}:VaccineTypes", t)))
            .ValidateOnStart();
        services.AddSingleton<WaitingRequests<Inject.Outcome>>();
        services.AddSingleton<IHostNoticeHandler, Inject.OnOtherHosts>();
        services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.AddSingleton<IHostCommand, StaffCommand>();
        // Tests pin the choice of vaccine with a seeded Random.
        services.TryAddSingleton(Random.Shared);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var hospital = endpoints.MapGroup("/hospital").RequireAuthorization(StaffPolicies.HospitalStaff);
        BookingsOfTheDay.Map(hospital);
        Inject.Map(hospital);
        endpoints.MapGrpcService<HospitalService>().RequireAuthorization(StaffPolicies.HospitalStaff);
    }
}

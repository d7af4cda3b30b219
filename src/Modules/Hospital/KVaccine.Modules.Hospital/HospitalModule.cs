using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Hospital.Bookings;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KVaccine.Modules.Hospital;

/// <summary>The hospital: its bookings, the choice of each citizen's vaccine, and the injections.</summary>
public sealed class HospitalModule : IModule
{
    public const string ModuleName = "Hospital";

    public string Name => ModuleName;

    public Type DbContextType => typeof(HospitalDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<HospitalDbContext>(configuration, HospitalDbContext.MigrationsTable);
        services.AddOptions<HospitalOptions>()
            .Configure(o => HospitalOptions.Bind(o, configuration.GetSection(HospitalOptions.Section)))
            .ValidateDataAnnotations()
            .Validate(o => o.VaccineTypes.Count > 0, "Hospital:VaccineTypes names no vaccine type.")
            .ValidateOnStart();
        services.AddSingleton<WaitingRequests<Inject.Outcome>>();
        // Tests pin the choice of vaccine with a seeded Random.
        services.TryAddSingleton(Random.Shared);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var hospital = endpoints.MapGroup("/hospital").RequireAuthorization(StaffPolicies.HospitalStaff);
        hospital.MapGet("/bookings", BookingsOfTheDay.Handle)
            .WithName("HospitalBookings")
            .WithSummary("The hospital's bookings for a day (YYYY-MM-DD; today when omitted).");
        hospital.MapPost("/inject", (Inject.Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Injection)
            .WithIdempotency("hospital/inject")
            .WithName("Inject")
            .WithSummary("Records the injection of a booked citizen, on the booked day.")
            .ProducesValidationProblem();
    }
}

using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Web;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard.Grpc;
using KVaccine.Modules.Dashboard.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Dashboard;

/// <summary>The operators' read model: one row per booking, by status and vaccine type, and the log of its status changes.</summary>
public sealed class DashboardModule : IModule
{
    public const string ModuleName = "Dashboard";

    public string Name => ModuleName;

    public Type DbContextType => typeof(DashboardDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<DashboardDbContext, PostgreSqlDashboardDbContext>(configuration, DashboardDbContext.Schema);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var dashboard = endpoints.MapGroup("/dashboard").RequireAuthorization(StaffPolicies.DashboardReader);
        DashboardList.Map(dashboard);
        DashboardSummary.Map(dashboard);
        StatusChanges.Map(dashboard);
        endpoints.MapGrpcService<StatusChangesService>().RequireAuthorization(StaffPolicies.DashboardReader);
    }
}

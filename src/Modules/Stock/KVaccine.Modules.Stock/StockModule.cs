using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Stock.Inventory;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Stock;

/// <summary>The vaccine stock: counts per vaccine type and the ledger of every movement.</summary>
public sealed class StockModule : IModule
{
    public const string ModuleName = "Stock";

    public string Name => ModuleName;

    public Type DbContextType => typeof(StockDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<StockDbContext, PostgreSqlStockDbContext>(configuration, StockDbContext.Schema);
        services.AddOptions<StockOptions>()
            .Configure(o => StockOptions.Bind(o, configuration.GetSection(StockOptions.Section)))
            .ValidateVaccineTypes(o => o.Initial.Keys.Select(t => ($"{StockOptions.Section}:Initial:{t}", t)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StockOptions>, StockOptions.Validator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var stock = endpoints.MapGroup("/stock").RequireAuthorization(StaffPolicies.Admin);
        StockLevels.Map(stock);
        StockLedger.Map(stock);
        ReceiveDoses.Map(stock);
    }

    /// <summary>Seeds each vaccine type once, on its first start; a restart never resets a count.</summary>
    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StockDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var initial = services.GetRequiredService<IOptions<StockOptions>>().Value.Initial;
        var known = await db.Stocks.Select(s => s.VaccineType).ToListAsync(ct);
        foreach (var type in services.GetRequiredService<IOptions<VaccineTypes>>().Value.All)
        {
            if (known.Contains(type, StringComparer.OrdinalIgnoreCase)) continue;
            var stock = new VaccineStock(type);
            db.Stocks.Add(stock);
            db.Ledger.Add(stock.Seed(initial.GetValueOrDefault(type), clock.GetUtcNow()));
        }
        await db.SaveChangesAsync(ct);
    }
}

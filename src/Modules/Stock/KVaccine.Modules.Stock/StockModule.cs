using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Web;
using KVaccine.BuildingBlocks.Persistence;
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
        services.AddModuleDbContext<StockDbContext>(configuration, StockDbContext.MigrationsTable);
        services.AddOptions<StockOptions>()
            .Configure(o => StockOptions.Bind(o, configuration.GetSection(StockOptions.Section)))
            .Validate(o => o.Initial.Values.All(doses => doses >= 0), "Stock:Initial:<Type> must be a whole number of doses, 0 or more.")
            .ValidateOnStart();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var stock = endpoints.MapGroup("/stock").RequireAuthorization(StaffPolicies.Admin);
        stock.MapGet("", StockLevels.Current).WithName("StockLevels").WithSummary("Doses on hand per vaccine type.");
        stock.MapGet("/ledger", StockLevels.Ledger).WithName("StockLedger").WithSummary("Stock movements, newest first, each with its booking.");
        stock.MapPost("/receipts", (ReceiveDoses.Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("ReceiveDoses")
            .WithSummary("Records doses received.")
            .ProducesValidationProblem();
    }

    /// <summary>Seeds each configured vaccine type once, on its first start; a restart never resets a count.</summary>
    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StockDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var known = await db.Stocks.Select(s => s.VaccineType).ToListAsync(ct);
        foreach (var (type, doses) in services.GetRequiredService<IOptions<StockOptions>>().Value.Initial)
        {
            if (known.Contains(type, StringComparer.OrdinalIgnoreCase)) continue;
            var stock = new VaccineStock(type);
            db.Stocks.Add(stock);
            db.Ledger.Add(stock.Seed(doses, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync(ct);
    }
}

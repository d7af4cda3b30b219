using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Stock.Inventory;

/// <summary><c>GET /stock</c>: the doses on hand of every vaccine type, and whether that is low (<c>Stock:LowMark</c> or fewer).</summary>
internal static class StockLevels
{
    public static void Map(IEndpointRouteBuilder stock) =>
        stock.MapGet("", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithName("StockLevels")
            .WithSummary("Doses on hand per vaccine type; low at Stock:LowMark doses or fewer.");

    public sealed record Query : IRequest<Ok<List<Level>>>;

    public sealed record Level(string VaccineType, int Count, bool Low)
    {
        public static Level Of(VaccineStock stock, StockOptions options) => new(stock.VaccineType, stock.Count, options.IsLow(stock.Count));
    }

    internal sealed class Handler(StockDbContext db, IOptionsMonitor<StockOptions> options) : IRequestHandler<Query, Ok<List<Level>>>
    {
        public async Task<Ok<List<Level>>> Handle(Query request, CancellationToken ct)
        {
            var stocks = await db.Stocks.AsNoTracking().OrderBy(s => s.VaccineType).ToListAsync(ct);
            return TypedResults.Ok(stocks.Select(s => Level.Of(s, options.CurrentValue)).ToList());
        }
    }
}

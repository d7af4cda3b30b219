using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Stock.Inventory;

/// <summary><c>GET /stock</c>: the doses on hand of every vaccine type.</summary>
internal static class StockLevels
{
    public static void Map(IEndpointRouteBuilder stock) =>
        stock.MapGet("", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithName("StockLevels")
            .WithSummary("Doses on hand per vaccine type.");

    public sealed record Query : IRequest<Ok<List<Level>>>;

    public sealed record Level(string VaccineType, int Count);

    internal sealed class Handler(StockDbContext db) : IRequestHandler<Query, Ok<List<Level>>>
    {
        public async Task<Ok<List<Level>>> Handle(Query request, CancellationToken ct) =>
            TypedResults.Ok(await db.Stocks.AsNoTracking().OrderBy(s => s.VaccineType).Select(s => new Level(s.VaccineType, s.Count)).ToListAsync(ct));
    }
}

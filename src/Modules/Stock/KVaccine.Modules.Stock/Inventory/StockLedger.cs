using FluentValidation;
using KVaccine.BuildingBlocks.Settings;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Stock.Inventory;

/// <summary><c>GET /stock/ledger?vaccineType=&amp;bookingId=</c>: the movements that made the counts, newest first.</summary>
internal static class StockLedger
{
    public const int MaxRows = 1000;

    public static void Map(IEndpointRouteBuilder stock) =>
        stock.MapGet("/ledger", ([AsParameters] Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("StockLedger")
            .WithSummary("Stock movements, newest first, each with its booking.")
            .ProducesValidationProblem();

    public sealed record Query(string? VaccineType, long? BookingId) : IRequest<Ok<List<Movement>>>;

    public sealed record Movement(long Id, string VaccineType, LedgerKind Kind, int Change, int CountAfter, long? BookingId, DateTimeOffset At);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IOptions<VaccineTypes> known) => RuleFor(x => x.VaccineType).OnTheList(known.Value);
    }

    internal sealed class Handler(StockDbContext db, IOptions<VaccineTypes> known) : IRequestHandler<Query, Ok<List<Movement>>>
    {
        public async Task<Ok<List<Movement>>> Handle(Query request, CancellationToken ct)
        {
            var query = db.Ledger.AsNoTracking();
            if (!string.IsNullOrEmpty(request.VaccineType))
            {
                var type = known.Value.Find(request.VaccineType) ?? request.VaccineType;
                query = query.Where(l => l.VaccineType == type);
            }
            if (request.BookingId is { } bookingId) query = query.Where(l => l.BookingId == bookingId);
            return TypedResults.Ok(await query.OrderByDescending(l => l.Id).Take(MaxRows)
                .Select(l => new Movement(l.Id, l.VaccineType, l.Kind, l.Change, l.CountAfter, l.BookingId, l.At))
                .ToListAsync(ct));
        }
    }
}

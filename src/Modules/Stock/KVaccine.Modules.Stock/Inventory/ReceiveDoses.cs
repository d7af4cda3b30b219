using System.Globalization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Settings;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Stock.Inventory;

/// <summary><c>POST /stock/receipts</c>: doses delivered to the stock.</summary>
internal static class ReceiveDoses
{
    public static void Map(IEndpointRouteBuilder stock) =>
        stock.MapPost("/receipts", (Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithIdempotency("stock/receipts")
            .WithName("ReceiveDoses")
            .WithSummary("Records doses received.")
            .ProducesValidationProblem();

    public const int MaxQuantity = 1_000_000;

    public sealed record Command(string? VaccineType, int? Quantity) : IRequest<Results<Ok<StockLevels.Level>, ValidationProblem>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<VaccineTypes> known)
        {
            RuleFor(x => x.VaccineType).NotEmpty().WithMessage("Name the vaccine type.").OnTheList(known.Value);
            RuleFor(x => x.Quantity).NotNull().WithMessage("Give the number of doses received.")
                .InclusiveBetween(1, MaxQuantity).WithMessage($"The quantity is a whole number from 1 to {MaxQuantity}.");
        }
    }

    internal sealed class Handler(StockDbContext db, IOptions<VaccineTypes> known, IOptionsMonitor<StockOptions> options, TimeProvider clock)
        : IRequestHandler<Command, Results<Ok<StockLevels.Level>, ValidationProblem>>
    {
        public async Task<Results<Ok<StockLevels.Level>, ValidationProblem>> Handle(Command request, CancellationToken ct)
        {
            var type = known.Value.Find(request.VaccineType!);
            // A dose taken by the dispatcher between our read and write bumps the count: read again and retry.
            for (var attempt = 1; ; attempt++)
            {
                var stock = await db.Stocks.SingleAsync(s => s.VaccineType == type, ct);
                if (stock.Receive(request.Quantity!.Value, clock.GetUtcNow()) is not { } received)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["quantity"] = [string.Create(CultureInfo.InvariantCulture,
                            $"{stock.VaccineType} holds {stock.Count:N0} doses and a count holds at most {VaccineStock.MaxCount:N0}: at most {stock.Room:N0} more can be received.")],
                    });
                db.Ledger.Add(received);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(StockLevels.Level.Of(stock, options.CurrentValue));
                }
                catch (DbUpdateConcurrencyException) when (attempt < 5)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }
}

using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Stock.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Stock.Integration;

/// <summary>
/// Hospital's requests on the stock: hold one dose for a booking (or say there is none), and take it back when the
/// booking no longer needs it. The ledger says whether a booking holds a dose, so a return is applied once.
/// </summary>
internal sealed class DoseMovements(StockDbContext db, TimeProvider clock) : INotificationHandler<DoseRequested>, INotificationHandler<DoseReleased>
{
    public async Task Handle(DoseRequested e, CancellationToken ct)
    {
        var stock = await db.Stocks.FindByKeyAsync(e.VaccineType, ct);
        if (stock?.Take(e.BookingId, clock.GetUtcNow()) is not { } taken)
        {
            db.Raise(new DoseUnavailable(e.BookingId, e.VaccineType));
            return;
        }
        db.Ledger.Add(taken);
        db.Raise(new DoseReserved(e.BookingId, e.VaccineType));
    }

    public async Task Handle(DoseReleased e, CancellationToken ct)
    {
        var held = await db.Ledger
            .Where(l => l.BookingId == e.BookingId && l.VaccineType == e.VaccineType)
            .SumAsync(l => l.Change, ct);
        if (held >= 0) return; // this booking holds no dose of that type (never taken, or already returned)

        var stock = await db.Stocks.FindByKeyAsync(e.VaccineType, ct);
        if (stock is not null) db.Ledger.Add(stock.Return(e.BookingId, clock.GetUtcNow()));
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Stock.Inventory;

/// <summary><c>GET /stock</c> and <c>GET /stock/ledger</c>: the counts now, and the movements that made them.</summary>
internal static class StockLevels
{
    public sealed record Level(string VaccineType, int Count);

    public sealed record Movement(long Id, string VaccineType, LedgerKind Kind, int Change, int CountAfter, long? BookingId, DateTimeOffset At);

    public static async Task<Ok<List<Level>>> Current(StockDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Stocks.AsNoTracking().OrderBy(s => s.VaccineType).Select(s => new Level(s.VaccineType, s.Count)).ToListAsync(ct));

    public static async Task<Results<Ok<List<Movement>>, ValidationProblem>> Ledger(string? vaccineType, long? bookingId, StockDbContext db, CancellationToken ct)
    {
        if (vaccineType is { Length: > 50 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["vaccineType"] = ["A vaccine type has at most 50 characters."] });
        var query = db.Ledger.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(vaccineType)) query = query.Where(l => l.VaccineType == vaccineType);
        if (bookingId is not null) query = query.Where(l => l.BookingId == bookingId);
        return TypedResults.Ok(await query.OrderByDescending(l => l.Id).Take(1000)
            .Select(l => new Movement(l.Id, l.VaccineType, l.Kind, l.Change, l.CountAfter, l.BookingId, l.At))
            .ToListAsync(ct));
    }
}

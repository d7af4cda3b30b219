using System.Globalization;
using KVaccine.Contracts;
using KVaccine.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital.Bookings;

/// <summary><c>GET /hospital/bookings?date=YYYY-MM-DD</c>: who is expected on a day (today when no date is given).</summary>
internal static class BookingsOfTheDay
{
    public sealed record Row(long UserId, long BookingId, string UserName, string MaskedRegNumber, DateOnly ReserveDate,
        string? VaccineType, BookingStatus ReserveStatus, DateOnly? InjectDate);

    public static async Task<Results<Ok<List<Row>>, ValidationProblem>> Handle(string? date, HospitalDbContext db, LocalCalendar calendar, CancellationToken ct)
    {
        var day = calendar.Today;
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Give the date as YYYY-MM-DD."] });

        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.ReserveDate == day)
            .OrderBy(b => b.BookingId)
            .Select(b => new Row(b.UserId, b.BookingId, b.UserName, b.MaskedRegNumber, b.ReserveDate, b.VaccineType, b.Status, b.InjectDate))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }
}

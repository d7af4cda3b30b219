using System.Globalization;
using FluentValidation;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital.Bookings;

/// <summary>
/// <c>GET /hospital/bookings?date=YYYY-MM-DD&amp;siteId=</c>: who is expected on a day (today when no date is given),
/// at one site or all of them, by slot.
/// </summary>
internal static class BookingsOfTheDay
{
    public static void Map(IEndpointRouteBuilder hospital) =>
        hospital.MapGet("/bookings", ([AsParameters] Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("HospitalBookings")
            .WithSummary("The bookings of a day (YYYY-MM-DD; today when omitted), at a site (all when omitted), by slot.")
            .ProducesValidationProblem();

    public sealed record Query(string? Date, int? SiteId) : IRequest<Ok<List<Row>>>;

    public sealed record Row(long UserId, long BookingId, string UserName, string MaskedRegNumber, DateOnly ReserveDate,
        string? VaccineType, BookingStatus ReserveStatus, DateOnly? InjectDate, int SiteId, string? SiteName, string? SlotTime, int DoseNumber);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Date).Must(d => d is null || TryParseDate(d, out _), Shape.Date).WithMessage("Give the date as YYYY-MM-DD.");
            RuleFor(x => x.SiteId).GreaterThan(0).WithMessage("Give the id of a site.");
        }
    }

    /// <summary>The day a query asks for: the date given, or today.</summary>
    public static DateOnly DayOf(string? date, LocalCalendar calendar) =>
        date is { } given && TryParseDate(given, out var day) ? day : calendar.Today;

    private static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    internal sealed class Handler(HospitalDbContext db, LocalCalendar calendar) : IRequestHandler<Query, Ok<List<Row>>>
    {
        public async Task<Ok<List<Row>>> Handle(Query request, CancellationToken ct)
        {
            var day = DayOf(request.Date, calendar);
            var bookings = db.Bookings.AsNoTracking().Where(b => b.ReserveDate == day);
            if (request.SiteId is { } siteId) bookings = bookings.Where(b => b.SiteId == siteId);
            var rows = await bookings
                .OrderBy(b => b.SiteId).ThenBy(b => b.SlotTime).ThenBy(b => b.BookingId)
                .Select(b => new { b.UserId, b.BookingId, b.UserName, b.MaskedRegNumber, b.ReserveDate, b.VaccineType, b.Status, b.InjectDate, b.SiteId, b.SiteName, b.SlotTime, b.SlotMinutes, b.DoseNumber })
                .ToListAsync(ct);
            return TypedResults.Ok(rows.Select(b => new Row(b.UserId, b.BookingId, b.UserName, b.MaskedRegNumber, b.ReserveDate, b.VaccineType, b.Status, b.InjectDate,
                b.SiteId, b.SiteName, SlotClock.StartOfTimedSlot(b.SlotTime, b.SlotMinutes), b.DoseNumber)).ToList());
        }
    }
}

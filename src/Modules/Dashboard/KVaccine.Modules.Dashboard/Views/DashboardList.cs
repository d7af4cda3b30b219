using FluentValidation;
using KVaccine.Contracts;
using KVaccine.BuildingBlocks.Settings;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>
/// The original's <c>GET /dashboard/list</c> and <c>GET /dashboard/list/{vaccineType}</c>: every booking, or one vaccine
/// type's, by booking id. Without paging parameters the whole list, as the original answered; with <c>limit</c> a page
/// of bookings after <c>after</c> (a booking id), and while more follow, a <c>Link</c> header to the next page
/// (RFC 8288, <c>rel="next"</c>): pages by key stay right while bookings are added, and cost the same at any depth.
/// </summary>
internal static class DashboardList
{
    public const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder dashboard)
    {
        dashboard.MapGet("/list", ([AsParameters] Query query, HttpContext http, IMediator mediator, CancellationToken ct) => AnswerAsync(query, http, mediator, ct))
            .WithName("DashboardList")
            .WithSummary("Every booking, or a page of them (limit, after).")
            .ProducesValidationProblem();
        dashboard.MapGet("/list/{vaccineType}", ([AsParameters] Query query, HttpContext http, IMediator mediator, CancellationToken ct) => AnswerAsync(query, http, mediator, ct))
            .WithName("DashboardListByVaccineType")
            .WithSummary("The bookings of one vaccine type, or a page of them (limit, after).")
            .ProducesValidationProblem();
    }

    private static async Task<Ok<IAsyncEnumerable<Row>>> AnswerAsync(Query query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var listing = await mediator.Send(query, ct);
        if (listing.NextAfter is { } next)
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}?after={next}&limit={query.Limit}>; rel=\"next\"";
        return TypedResults.Ok(listing.Rows);
    }

    public sealed record Query(string? VaccineType, long? After, int? Limit) : IRequest<Listing>;

    /// <summary>The rows, and the key the next page starts after when this one is full.</summary>
    public sealed record Listing(IAsyncEnumerable<Row> Rows, long? NextAfter);

    /// <summary>A booking in the original's fields, then where and when: the slot's start as <c>HH:mm</c> (null for a whole-day slot).</summary>
    public sealed record Row(long BookingId, long UserId, string UserName, string MaskedRegNumber, DateOnly ReserveDate, BookingStatus ReserveStatus,
        string? Reason, string? VaccineType, DateOnly? InjectDate, DateOnly? CancelDate, int SiteId, string? SiteName, string? SlotTime, int DoseNumber);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IOptions<VaccineTypes> known)
        {
            RuleFor(x => x.VaccineType).OnTheList(known.Value);
            RuleFor(x => x.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"A page holds from 1 to {MaxLimit} bookings.");
            RuleFor(x => x.After).GreaterThanOrEqualTo(0).WithMessage("Give the last booking id of the page before (0 or more).");
        }
    }

    /// <summary>The whole list is streamed as it is read, so it costs the host neither its memory nor the wait for it; a page is read whole (at most 1,000 rows).</summary>
    internal sealed class Handler(DashboardDbContext db, IOptions<VaccineTypes> known) : IRequestHandler<Query, Listing>
    {
        public async Task<Listing> Handle(Query request, CancellationToken ct)
        {
            var rows = db.Rows.AsNoTracking();
            if (request.VaccineType is { } given)
            {
                var type = known.Value.Find(given) ?? given;
                rows = rows.Where(r => r.VaccineType == type);
            }
            if (request.After is { } after) rows = rows.Where(r => r.BookingId > after);
            var listed = rows.OrderBy(r => r.BookingId)
                .Select(r => new Row(r.BookingId, r.UserId, r.UserName, r.MaskedRegNumber, r.ReserveDate, r.ReserveStatus, r.Reason, r.VaccineType, r.InjectDate, r.CancelDate,
                    r.SiteId, r.SiteName, SlotClock.StartOfTimedSlot(r.SlotTime, r.SlotMinutes), r.DoseNumber));
            if (request.Limit is not { } limit) return new Listing(listed.AsAsyncEnumerable(), null);

            // One row more than the page, to tell whether another page follows.
            var page = await listed.Take(limit + 1).ToListAsync(ct);
            var more = page.Count > limit;
            if (more) page.RemoveAt(limit);
            return new Listing(page.ToAsyncEnumerable(), more ? page[^1].BookingId : null);
        }
    }
}

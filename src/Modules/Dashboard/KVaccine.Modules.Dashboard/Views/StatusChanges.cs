using FluentValidation;
using KVaccine.Contracts;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>
/// <c>GET /dashboard/changes?after=&amp;limit=</c>: every booking status change, in the order the Dashboard applied
/// them, after the position a reader last saw. A reader that asks again with <see cref="Page.Last"/> misses nothing
/// and sees nothing twice (positions may skip numbers, a rolled-back save's; they never arrive out of order).
/// </summary>
internal static class StatusChanges
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder dashboard) =>
        dashboard.MapGet("/changes", ([AsParameters] Query query, IMediator mediator, CancellationToken ct) => AnswerAsync(query, mediator, ct))
            .WithName("DashboardChanges")
            .WithSummary("Booking status changes in order, after a position (after), a page at a time (limit, 100 unless given).")
            .ProducesValidationProblem();

    private static async Task<Ok<Page>> AnswerAsync(Query query, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(query, ct));

    public sealed record Query(long? After, int? Limit) : IRequest<Page>;

    /// <summary>The changes, and the position to ask after next: the last change's, or the one asked after when there is none yet.</summary>
    public sealed record Page(IReadOnlyList<Change> Changes, long Last);

    /// <summary>A change: the booking as it stood after it, its slot's start as <c>HH:mm</c> (null for a whole-day slot), and when the Dashboard recorded it.</summary>
    public sealed record Change(long Position, long BookingId, long UserId, int DoseNumber, int SiteId, string? SiteName, string? VaccineType,
        DateOnly ReserveDate, string? SlotTime, BookingStatus Status, string? Reason, DateTimeOffset RecordedAt);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.After).GreaterThanOrEqualTo(0).WithMessage("Give the last position seen (0 or more), or none to start from the first change.");
            RuleFor(x => x.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"A page holds from 1 to {MaxLimit} changes.");
        }
    }

    internal sealed class Handler(DashboardDbContext db) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken ct)
        {
            var after = request.After ?? 0;
            var changes = await db.Changes.AsNoTracking()
                .Where(c => c.Position > after)
                .OrderBy(c => c.Position)
                .Take(request.Limit ?? DefaultLimit)
                .Select(c => new Change(c.Position, c.BookingId, c.UserId, c.DoseNumber, c.SiteId, c.SiteName, c.VaccineType, c.ReserveDate,
                    SlotClock.StartOfTimedSlot(c.SlotTime, c.SlotMinutes), c.Status, c.Reason, c.RecordedAt))
                .ToListAsync(ct);
            return new Page(changes, changes.Count > 0 ? changes[^1].Position : after);
        }
    }
}

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

/// <summary>The original's <c>GET /dashboard/list</c> and <c>GET /dashboard/list/{vaccineType}</c>: every booking, or one vaccine type's.</summary>
internal static class DashboardList
{
    public static void Map(IEndpointRouteBuilder dashboard)
    {
        dashboard.MapGet("/list", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(VaccineType: null), ct))
            .WithName("DashboardList")
            .WithSummary("Every booking.");
        dashboard.MapGet("/list/{vaccineType}", ([AsParameters] Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("DashboardListByVaccineType")
            .WithSummary("The bookings of one vaccine type.")
            .ProducesValidationProblem();
    }

    public sealed record Query(string? VaccineType) : IRequest<Ok<IAsyncEnumerable<Row>>>;

    /// <summary>A booking in the original's fields, then where and when: the slot's start as <c>HH:mm</c> (null for a whole-day slot).</summary>
    public sealed record Row(long BookingId, long UserId, string UserName, string MaskedRegNumber, DateOnly ReserveDate, BookingStatus ReserveStatus,
        string? Reason, string? VaccineType, DateOnly? InjectDate, DateOnly? CancelDate, int SiteId, string? SiteName, string? SlotTime, int DoseNumber);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IOptions<VaccineTypes> known) => RuleFor(x => x.VaccineType).OnTheList(known.Value);
    }

    /// <summary>Streamed as they are read, so a long list costs the host neither the memory of the whole list nor the wait for it.</summary>
    internal sealed class Handler(DashboardDbContext db, IOptions<VaccineTypes> known) : IRequestHandler<Query, Ok<IAsyncEnumerable<Row>>>
    {
        public Task<Ok<IAsyncEnumerable<Row>>> Handle(Query request, CancellationToken ct)
        {
            var rows = db.Rows.AsNoTracking();
            if (request.VaccineType is { } given)
            {
                var type = known.Value.Find(given) ?? given;
                rows = rows.Where(r => r.VaccineType == type);
            }
            return Task.FromResult(TypedResults.Ok(rows.OrderBy(r => r.BookingId)
                .Select(r => new Row(r.BookingId, r.UserId, r.UserName, r.MaskedRegNumber, r.ReserveDate, r.ReserveStatus, r.Reason, r.VaccineType, r.InjectDate, r.CancelDate,
                    r.SiteId, r.SiteName, SlotClock.StartOfTimedSlot(r.SlotTime, r.SlotMinutes), r.DoseNumber))
                .AsAsyncEnumerable()));
        }
    }
}

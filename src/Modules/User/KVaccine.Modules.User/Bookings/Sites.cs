using System.Globalization;
using FluentValidation;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Contracts;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// Where and when a citizen can book, asked of Reservation in real time through its public contract, as
/// <c>POST /user/date</c> is: <c>GET /user/sites?region=</c>, a site's dates with places left
/// (<c>GET /user/sites/{siteId}/dates</c>), and a date's slots (<c>GET /user/sites/{siteId}/dates/{date}/slots</c>).
/// None needs the citizen's identity: what is open is public.
/// </summary>
internal static class Sites
{
    public static void Map(IEndpointRouteBuilder user)
    {
        user.MapGet("/sites", ([AsParameters] ListQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Dates)
            .WithName("Sites")
            .WithSummary("The vaccination sites, or a region's, with their opening hours.")
            .ProducesValidationProblem();
        user.MapGet("/sites/{siteId:int}/dates", ([AsParameters] DatesQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Dates)
            .WithName("SiteDates")
            .WithSummary("A site's dates that can still be booked, with the places left (for a first dose, unless doseNumber says otherwise).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        user.MapGet("/sites/{siteId:int}/dates/{date}/slots", ([AsParameters] SlotsQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Dates)
            .WithName("SiteSlots")
            .WithSummary("A site's slots on a date, each with the places left.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public const int MaxRegionLength = 50;

    public sealed record ListQuery(string? Region) : IRequest<Ok<IReadOnlyList<SiteInfo>>>;

    /// <summary>One site, for a page that has chosen it (no route: <c>GET /user/sites</c> lists them).</summary>
    public sealed record SiteQuery(int SiteId) : IRequest<SiteInfo?>;

    public sealed record DatesQuery(int SiteId, int? DoseNumber) : IRequest<Results<Ok<IReadOnlyList<AvailableDate>>, ProblemHttpResult>>;

    public sealed record SlotsQuery(int SiteId, string Date, int? DoseNumber) : IRequest<Results<Ok<IReadOnlyList<AvailableSlot>>, ProblemHttpResult>>;

    internal sealed class ListValidator : AbstractValidator<ListQuery>
    {
        public ListValidator() => RuleFor(x => x.Region)
            .MaximumLength(MaxRegionLength).WithMessage($"A region has at most {MaxRegionLength} characters.")
            .Must(r => r is null || !r.Any(char.IsControl), Shape.NoControlCharacters).WithMessage("A region has no control characters.");
    }

    internal sealed class DatesValidator : AbstractValidator<DatesQuery>
    {
        public DatesValidator() => RuleFor(x => x.DoseNumber).InclusiveBetween(1, 2).WithMessage("The dose number is 1 or 2.");
    }

    internal sealed class SlotsValidator : AbstractValidator<SlotsQuery>
    {
        public SlotsValidator()
        {
            RuleFor(x => x.Date).Must(d => ReserveDate.TryParseDate(d, out _), Shape.Date).WithMessage("Give the date as YYYY-MM-DD.");
            RuleFor(x => x.DoseNumber).InclusiveBetween(1, 2).WithMessage("The dose number is 1 or 2.");
        }
    }

    internal sealed class Handler(IAvailableDates calendar, DatesCircuit circuit) :
        IRequestHandler<ListQuery, Ok<IReadOnlyList<SiteInfo>>>,
        IRequestHandler<SiteQuery, SiteInfo?>,
        IRequestHandler<DatesQuery, Results<Ok<IReadOnlyList<AvailableDate>>, ProblemHttpResult>>,
        IRequestHandler<SlotsQuery, Results<Ok<IReadOnlyList<AvailableSlot>>, ProblemHttpResult>>
    {
        public async Task<Ok<IReadOnlyList<SiteInfo>>> Handle(ListQuery request, CancellationToken ct) =>
            TypedResults.Ok(await circuit.AskAsync(calendar, (c, t) => c.SitesAsync(request.Region, t), ct));

        public async Task<SiteInfo?> Handle(SiteQuery request, CancellationToken ct) =>
            await circuit.AskAsync(calendar, (c, t) => c.SiteAsync(request.SiteId, t), ct);

        public async Task<Results<Ok<IReadOnlyList<AvailableDate>>, ProblemHttpResult>> Handle(DatesQuery request, CancellationToken ct)
        {
            var dates = await circuit.AskAsync(calendar, (c, t) => c.DatesAsync(request.SiteId, request.DoseNumber ?? 1, t), ct);
            return dates is null ? NoSuchSite(request.SiteId) : TypedResults.Ok(dates);
        }

        public async Task<Results<Ok<IReadOnlyList<AvailableSlot>>, ProblemHttpResult>> Handle(SlotsQuery request, CancellationToken ct)
        {
            var date = DateOnly.ParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var slots = await circuit.AskAsync(calendar, (c, t) => c.SlotsAsync(request.SiteId, date, request.DoseNumber ?? 1, t), ct);
            return slots is null ? NoSuchSite(request.SiteId) : TypedResults.Ok(slots);
        }

        private static ProblemHttpResult NoSuchSite(int siteId) =>
            TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such site.", detail: $"There is no site {siteId}. GET /user/sites lists them.");
    }
}

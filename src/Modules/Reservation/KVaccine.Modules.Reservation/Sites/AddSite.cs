using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.Modules.Reservation.Calendar;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary><c>POST /admin/sites</c>: a new vaccination site, bookable at once.</summary>
internal static class AddSite
{
    public static void Map(IEndpointRouteBuilder sites) =>
        sites.MapPost("", (Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithIdempotency("admin/sites")
            .WithName("AddSite")
            .WithSummary("Adds a vaccination site.")
            .ProducesValidationProblem();

    internal sealed record Command : SiteDefinition, IRequest<Created<SiteResponse>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<VaccineTypes> known) => Include(new SiteDefinition.Validator(known));
    }

    internal sealed class Handler(ReservationDbContext db, IOptions<VaccineTypes> known, SlotBoard board) : IRequestHandler<Command, Created<SiteResponse>>
    {
        public async Task<Created<SiteResponse>> Handle(Command request, CancellationToken ct)
        {
            var site = new Site();
            request.ApplyTo(site, known.Value);
            db.Sites.Add(site);
            board.ReloadOnCommit(db);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/admin/sites/{site.Id}", SiteResponse.Of(site));
        }
    }
}

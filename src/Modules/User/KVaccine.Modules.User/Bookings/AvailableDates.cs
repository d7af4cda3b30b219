using FluentValidation;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Citizens;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// <c>POST /user/date</c>: the dates the citizen can still book, with the places left, asked of Reservation in real
/// time through its public contract (the one synchronous path between modules).
/// </summary>
internal static class AvailableDates
{
    public static void Map(IEndpointRouteBuilder user) =>
        user.MapPost("/date", (Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Dates)
            .WithName("AvailableDates")
            .WithSummary("The dates that can still be booked, with the places left.")
            .Produces<IReadOnlyList<AvailableDate>>()
            .ProducesValidationProblem();

    public sealed record Query(string? UserName, string? UserRegNumber) : ICitizenRequest, IRequest<Ok<IReadOnlyList<AvailableDate>>>;

    internal sealed class Validator(LocalCalendar calendar) : CitizenRequestValidator<Query>(calendar);

    internal sealed class Handler(IAvailableDates calendar, DatesCircuit circuit) : IRequestHandler<Query, Ok<IReadOnlyList<AvailableDate>>>
    {
        public async Task<Ok<IReadOnlyList<AvailableDate>>> Handle(Query request, CancellationToken cancellationToken) =>
            TypedResults.Ok(await circuit.GetAsync(calendar, cancellationToken));
    }
}

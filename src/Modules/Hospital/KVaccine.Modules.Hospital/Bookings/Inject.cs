using FluentValidation;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.Modules.Hospital.Contracts;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital.Bookings;

/// <summary><c>POST /hospital/inject</c>: staff record that the citizen was injected, on the booked day.</summary>
internal static class Inject
{
    public sealed record Command(long? UserId) : IRequest<Results<Ok<InjectionResponse>, ProblemHttpResult>>;

    public sealed record InjectionResponse(long UserId, long BookingId, string VaccineType, DateOnly InjectDate, HospitalBookingStatus ReserveStatus);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.UserId).NotNull().WithMessage("Give the citizen's userId.").GreaterThan(0);
    }

    internal sealed class Handler(HospitalDbContext db, LocalCalendar calendar) : IRequestHandler<Command, Results<Ok<InjectionResponse>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<InjectionResponse>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            var booking = await db.Bookings
                .Where(b => b.UserId == request.UserId)
                .OrderByDescending(b => b.BookingId)
                .FirstOrDefaultAsync(ct);
            if (booking is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No booking at this hospital.",
                    detail: $"The hospital holds no booking for user {request.UserId}.");

            var today = calendar.Today;
            if (booking.Injectable(today) is { } refusal)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The injection cannot be recorded.", detail: refusal);

            booking.Status = HospitalBookingStatus.INJECT;
            booking.InjectDate = today;
            db.Raise(new VaccineInjected(booking.BookingId, booking.UserId, booking.VaccineType!, today));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The booking just changed.",
                    detail: "The booking was updated meanwhile (cancelled, perhaps). Check it and try again.");
            }
            return TypedResults.Ok(new InjectionResponse(booking.UserId, booking.BookingId, booking.VaccineType!, today, booking.Status));
        }
    }
}

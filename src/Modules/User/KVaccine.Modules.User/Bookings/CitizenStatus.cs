using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using KVaccine.Modules.User.Citizens;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// <c>POST /user/status</c>: the citizen's current booking in the original's fields, every appointment they booked,
/// and what they were told, read from User's own tables (CQRS: nothing is assembled from other modules).
/// </summary>
internal static class CitizenStatus
{
    public static void Map(IEndpointRouteBuilder user) =>
        user.MapPost("/status", (Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithName("BookingStatus")
            .WithSummary("The citizen's booking, its status and the notifications sent, newest first.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(string? UserName, string? UserRegNumber) : ICitizenRequest, IRequest<Results<Ok<StatusResponse>, ProblemAnswer>>
    {
        /// <summary>Set by a page where the citizen signed in; never read from a body.</summary>
        [JsonIgnore]
        public SignedInCitizen? SignedIn { get; init; }
    }

    public sealed record StatusResponse(
        long UserId,
        string UserName,
        string MaskedRegNumber,
        DateOnly? ReserveDate,
        BookingStatus? ReserveStatus,
        string? Reason,
        string? VaccineType,
        DateOnly? InjectDate,
        DateOnly? CancelDate,
        IReadOnlyList<NotificationResponse> Notifications,
        int? SiteId,
        string? SiteName,
        string? SlotTime,
        string? EndTime,
        int? DoseNumber,
        IReadOnlyList<AppointmentResponse> Appointments,
        NextDoseResponse? NextDose);

    /// <summary>The second dose still to be given: its vaccine and the days it may fall on, booked or not.</summary>
    public sealed record NextDoseResponse(int DoseNumber, string VaccineType, DateOnly EarliestDate, DateOnly LatestDate, bool Booked);

    /// <summary>One booking, for one dose, as the citizen sees it; the slot's times as <c>HH:mm</c>.</summary>
    public sealed record AppointmentResponse(long BookingId, int DoseNumber, int SiteId, string? SiteName, DateOnly ReserveDate, string? SlotTime, string? EndTime,
        BookingStatus ReserveStatus, string? Reason, string? VaccineType, DateOnly? InjectDate, DateOnly? CancelDate);

    public sealed record NotificationResponse(BookingStatus ReserveStatus, string Message, DateTimeOffset CreatedAt);

    internal sealed class Validator(LocalCalendar calendar) : CitizenRequestValidator<Query>(calendar);

    private static AppointmentResponse Appointment(Booking b) => new(b.Id, b.DoseNumber, b.SiteId, b.SiteName, b.ReserveDate, BookingResponse.StartOf(b),
        BookingResponse.EndOf(b), b.Status, b.Reason, b.VaccineType, b.InjectDate, b.CancelDate);

    private static NextDoseResponse? NextDose(Citizen citizen, VaccineSchedules schedules)
    {
        if (citizen.OfDose(2) is { } second)
            return second.Status == BookingStatus.INJECT || second.Interval is not { } booked ? null
                : new NextDoseResponse(2, second.VaccineType!, booked.Earliest, booked.Latest, Booked: second.IsActive);
        return citizen.OfDose(1) is { VaccineType: { } type } && citizen.SecondDoseInterval(schedules) is { } interval
            ? new NextDoseResponse(2, type, interval.Earliest, interval.Latest, Booked: false)
            : null;
    }

    internal sealed class Handler(UserDbContext db, CitizenIdentification identification, IOptions<VaccineSchedules> schedules) : IRequestHandler<Query, Results<Ok<StatusResponse>, ProblemAnswer>>
    {
        public async Task<Results<Ok<StatusResponse>, ProblemAnswer>> Handle(Query request, CancellationToken ct)
        {
            var identified = await identification.IdentifyAsync(request, registering: false, ct);
            if (identified.Citizen is not { } citizen) return identified.Refusal!;

            var notifications = await db.Notifications.AsNoTracking()
                .Where(n => n.CitizenId == citizen.Id)
                .OrderByDescending(n => n.Id)
                .Take(50)
                .Select(n => new NotificationResponse(n.Status, n.Message, n.CreatedAt))
                .ToListAsync(ct);
            var booking = citizen.Current;
            return TypedResults.Ok(new StatusResponse(citizen.Id, citizen.Name, citizen.MaskedRegNumber, booking?.ReserveDate, booking?.Status,
                booking?.Reason, booking?.VaccineType, booking?.InjectDate, booking?.CancelDate, notifications,
                booking?.SiteId, booking?.SiteName, booking is null ? null : BookingResponse.StartOf(booking), booking is null ? null : BookingResponse.EndOf(booking),
                booking?.DoseNumber, citizen.Bookings.OrderBy(b => b.RequestedAt).ThenBy(b => b.Id).Select(Appointment).ToList(),
                NextDose(citizen, schedules.Value)));
        }
    }
}

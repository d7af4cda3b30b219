using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc;
using KVaccine.Grpc.V1;
using KVaccine.Modules.User.Bookings;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace KVaccine.Modules.User.Grpc;

/// <summary>
/// <c>kvaccine.v1.Bookings</c>: book, move, cancel and read the record, through the same requests as
/// <c>/user/reserve</c>, <c>/user/move</c>, <c>/user/cancel</c> and <c>/user/status</c>, under the same budget; a
/// <c>request_id</c> makes a retry safe, as the routes' <c>Idempotency-Key</c>.
/// </summary>
internal sealed class BookingsService(IMediator mediator) : KVaccine.Grpc.V1.Bookings.BookingsBase
{
    [Overload.OverloadBudget(Overload.Booking)]
    public override Task<BookingReply> Book(BookRequest request, ServerCallContext context)
    {
        var command = new ReserveDate.Command(request.Citizen?.UserName, request.Citizen?.UserRegNumber, Wire.Optional(request.ReserveDate),
            Wire.Optional(request.SiteId), Wire.Optional(request.SlotTime), Wire.Optional(request.DoseNumber)) { Language = Wire.Optional(request.Language) };
        return context.RunOnceAsync(request.RequestId, command, async ct => ReplyOf(Refusals.ValueOf<BookingResponse>(await mediator.Send(command, ct))));
    }

    [Overload.OverloadBudget(Overload.Booking)]
    public override Task<BookingReply> Move(MoveRequest request, ServerCallContext context)
    {
        var command = new MoveAppointment.Command(request.Citizen?.UserName, request.Citizen?.UserRegNumber, Wire.Optional(request.ReserveDate),
            Wire.Optional(request.SlotTime), Wire.Optional(request.DoseNumber));
        return context.RunOnceAsync(request.RequestId, command, async ct => ReplyOf(Refusals.ValueOf<BookingResponse>(await mediator.Send(command, ct))));
    }

    [Overload.OverloadBudget(Overload.Booking)]
    public override Task<BookingReply> Cancel(CancelRequest request, ServerCallContext context)
    {
        var command = new CancelBooking.Command(request.Citizen?.UserName, request.Citizen?.UserRegNumber, Wire.Optional(request.DoseNumber));
        return context.RunOnceAsync(request.RequestId, command, async ct => ReplyOf(Refusals.ValueOf<BookingResponse>(await mediator.Send(command, ct))));
    }

    [Overload.OverloadBudget(Overload.Booking)]
    public override async Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context)
    {
        IResult answer = await mediator.Send(new CitizenStatus.Query(request.Citizen?.UserName, request.Citizen?.UserRegNumber), context.CancellationToken);
        var status = Refusals.ValueOf<CitizenStatus.StatusResponse>(answer);
        var reply = new StatusReply
        {
            UserId = status.UserId,
            UserName = status.UserName,
            MaskedRegNumber = status.MaskedRegNumber,
            Appointments =
            {
                status.Appointments.Select(a => new KVaccine.Grpc.V1.Appointment
                {
                    BookingId = a.BookingId, DoseNumber = a.DoseNumber, SiteId = a.SiteId, SiteName = Wire.Text(a.SiteName),
                    ReserveDate = Wire.Date(a.ReserveDate), SlotTime = Wire.Text(a.SlotTime), EndTime = Wire.Text(a.EndTime),
                    ReserveStatus = a.ReserveStatus.ToString(), Reason = Wire.Text(a.Reason), VaccineType = Wire.Text(a.VaccineType),
                    InjectDate = Wire.Date(a.InjectDate), CancelDate = Wire.Date(a.CancelDate),
                }),
            },
            Notifications =
            {
                status.Notifications.Select(n => new Notification { ReserveStatus = n.ReserveStatus.ToString(), Message = n.Message, CreatedAt = Wire.Time(n.CreatedAt) }),
            },
        };
        if (status.NextDose is { } next)
            reply.NextDose = new NextDose
            {
                DoseNumber = next.DoseNumber, VaccineType = next.VaccineType, EarliestDate = Wire.Date(next.EarliestDate),
                LatestDate = Wire.Date(next.LatestDate), Booked = next.Booked,
            };
        return reply;
    }

    private static BookingReply ReplyOf(BookingResponse booking) => new()
    {
        UserId = booking.UserId,
        ReserveDate = Wire.Date(booking.ReserveDate),
        ReserveStatus = booking.ReserveStatus.ToString(),
        Reason = Wire.Text(booking.Reason),
        BookingId = booking.BookingId,
        SiteId = booking.SiteId,
        SiteName = Wire.Text(booking.SiteName),
        SlotTime = Wire.Text(booking.SlotTime),
        EndTime = Wire.Text(booking.EndTime),
        DoseNumber = booking.DoseNumber,
    };
}

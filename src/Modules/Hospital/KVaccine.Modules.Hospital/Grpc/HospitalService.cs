using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc;
using KVaccine.Grpc.V1;
using KVaccine.Modules.Hospital.Bookings;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace KVaccine.Modules.Hospital.Grpc;

/// <summary>
/// <c>kvaccine.v1.Hospital</c>: a day's appointments and the injections given, through the same requests as
/// <c>GET /hospital/bookings</c> and <c>POST /hospital/inject</c>, for the same role (mapped in <see cref="HospitalModule"/>).
/// </summary>
internal sealed class HospitalService(IMediator mediator) : KVaccine.Grpc.V1.Hospital.HospitalBase
{
    public override async Task<ListAppointmentsReply> ListAppointments(ListAppointmentsRequest request, ServerCallContext context)
    {
        IResult answer = await mediator.Send(new BookingsOfTheDay.Query(Wire.Optional(request.Date), Wire.Optional(request.SiteId)), context.CancellationToken);
        var rows = Refusals.ValueOf<List<BookingsOfTheDay.Row>>(answer);
        return new ListAppointmentsReply
        {
            Appointments =
            {
                rows.Select(r => new ExpectedCitizen
                {
                    UserId = r.UserId, BookingId = r.BookingId, UserName = r.UserName, MaskedRegNumber = r.MaskedRegNumber,
                    ReserveDate = Wire.Date(r.ReserveDate), VaccineType = Wire.Text(r.VaccineType), ReserveStatus = r.ReserveStatus.ToString(),
                    InjectDate = Wire.Date(r.InjectDate), SiteId = r.SiteId, SiteName = Wire.Text(r.SiteName), SlotTime = Wire.Text(r.SlotTime),
                    DoseNumber = r.DoseNumber,
                }),
            },
        };
    }

    [Overload.OverloadBudget(Overload.Injection)]
    public override Task<InjectionReply> RecordInjection(RecordInjectionRequest request, ServerCallContext context)
    {
        var command = new Inject.Command(Wire.Optional(request.UserId));
        return context.RunOnceAsync(request.RequestId, command, async ct =>
        {
            var injection = Refusals.ValueOf<Inject.InjectionResponse>(await mediator.Send(command, ct));
            return new InjectionReply
            {
                UserId = injection.UserId, BookingId = injection.BookingId, VaccineType = injection.VaccineType,
                InjectDate = Wire.Date(injection.InjectDate), ReserveStatus = injection.ReserveStatus.ToString(),
            };
        });
    }
}

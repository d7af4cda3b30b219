using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc;
using KVaccine.Grpc.V1;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using MediatR;
using Microsoft.AspNetCore.Http;
using AvailableDateReply = KVaccine.Grpc.V1.AvailableDate;
using AvailableSlotReply = KVaccine.Grpc.V1.AvailableSlot;

namespace KVaccine.Modules.User.Grpc;

/// <summary><c>kvaccine.v1.Availability</c>: the sites, dates and slots of <see cref="Sites"/>, under the same budget.</summary>
internal sealed class AvailabilityService(IMediator mediator) : Availability.AvailabilityBase
{
    [Overload.OverloadBudget(Overload.Dates)]
    public override async Task<ListSitesReply> ListSites(ListSitesRequest request, ServerCallContext context)
    {
        var sites = Refusals.ValueOf<IReadOnlyList<SiteInfo>>(await mediator.Send(new Sites.ListQuery(Wire.Optional(request.Region)), context.CancellationToken));
        return new ListSitesReply { Sites = { sites.Select(SiteOf) } };
    }

    [Overload.OverloadBudget(Overload.Dates)]
    public override async Task<ListDatesReply> ListDates(ListDatesRequest request, ServerCallContext context)
    {
        IResult answer = await mediator.Send(new Sites.DatesQuery(request.SiteId, Wire.Optional(request.DoseNumber)), context.CancellationToken);
        var dates = Refusals.ValueOf<IReadOnlyList<Reservation.Contracts.AvailableDate>>(answer);
        return new ListDatesReply { Dates = { dates.Select(d => new AvailableDateReply { ReserveDate = Wire.Date(d.ReserveDate), Remaining = d.Remaining }) } };
    }

    [Overload.OverloadBudget(Overload.Dates)]
    public override async Task<ListSlotsReply> ListSlots(ListSlotsRequest request, ServerCallContext context)
    {
        IResult answer = await mediator.Send(new Sites.SlotsQuery(request.SiteId, request.Date, Wire.Optional(request.DoseNumber)), context.CancellationToken);
        var slots = Refusals.ValueOf<IReadOnlyList<Reservation.Contracts.AvailableSlot>>(answer);
        return new ListSlotsReply { Slots = { slots.Select(s => new AvailableSlotReply { SlotTime = s.SlotTime, EndTime = s.EndTime, Remaining = s.Remaining }) } };
    }

    private static Site SiteOf(SiteInfo site) => new()
    {
        SiteId = site.SiteId,
        Name = site.Name,
        Region = site.Region,
        VaccineTypes = { site.VaccineTypes },
        OpeningHours = { site.OpeningHours.ToDictionary() },
        SlotMinutes = site.SlotMinutes,
        ClosedDays = { site.ClosedDays.Select(d => Wire.Date(d)) },
    };
}

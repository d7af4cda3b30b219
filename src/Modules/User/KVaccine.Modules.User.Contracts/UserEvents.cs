using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Contracts;

namespace KVaccine.Modules.User.Contracts;

/// <summary>
/// A booking changed: its status, or the vaccine it will get. User, which owns every booking's status, publishes the
/// whole booking as it now stands after each change, so the other modules follow by copying it: Reservation decides
/// a PENDING booking and frees the place of a cancelled or rejected one, Hospital opens a RESERVE booking and closes
/// it again, Dashboard shows it.
/// <para>
/// Where: the site, and the slot once Reservation placed the booking in one (the slot the citizen chose is there from
/// the start; a booking of a date alone has none until then). Events written before sites existed read as the
/// default site, first dose, with no slot.
/// </para>
/// <para>
/// Which vaccine: <see cref="OfferedVaccineTypes"/> are the site's types the citizen may receive (Reservation's list
/// when it accepted); a second dose has its <see cref="VaccineType"/>, the first's product, from the start. When:
/// a second dose must fall from <see cref="EarliestDate"/> to <see cref="LatestDate"/>, and with
/// <see cref="NearestDate"/> Reservation places it on the date with a place nearest <see cref="ReserveDate"/>.
/// </para>
/// </summary>
public sealed record BookingStatusChanged(
    long BookingId,
    long UserId,
    string UserName,
    string MaskedRegNumber,
    DateOnly ReserveDate,
    BookingStatus Status,
    string? Reason,
    string? VaccineType,
    DateOnly? InjectDate,
    DateOnly? CancelDate,
    int SiteId = 1,
    string? SiteName = null,
    TimeOnly? SlotTime = null,
    int? SlotMinutes = null,
    int DoseNumber = 1,
    IReadOnlyList<string>? OfferedVaccineTypes = null,
    DateOnly? EarliestDate = null,
    DateOnly? LatestDate = null,
    bool NearestDate = false) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>Hospital reported an injection that the booking no longer allows (it was cancelled first, say).</summary>
public sealed record InjectionRefused(long BookingId, string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

/// <summary>
/// The citizen asks to move a reserved appointment (a second dose, within <see cref="EarliestDate"/> to
/// <see cref="LatestDate"/>) to the date, in the slot chosen or the first with a place: Reservation takes the new
/// place and frees the old one in one step, or refuses and the appointment stays where it was.
/// </summary>
public sealed record AppointmentMoveRequested(long BookingId, int SiteId, int DoseNumber, DateOnly ReserveDate, TimeOnly? SlotTime,
    DateOnly? EarliestDate, DateOnly? LatestDate) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => BookingKey.Of(BookingId);
}

using System.Globalization;
using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;
using static KVaccine.IntegrationTests.Grpc.GrpcClients;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>
/// A partner's whole journey over gRPC, through a real <c>Grpc.Net.Client</c>: the same use cases as the REST API,
/// so what one protocol does the other sees.
/// </summary>
public sealed class GrpcJourneyTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [DatabaseFact]
    public async Task A_citizen_finds_a_slot_books_moves_and_cancels_over_gRPC_and_the_REST_API_sees_the_same_booking()
    {
        using var grpc = new GrpcClients(app);
        var api = app.CreateApi();
        var citizen = Citizen.New("Grpc Journey");
        var date = app.FreshDate();

        var sites = (await grpc.Availability.ListSitesAsync(new ListSitesRequest())).Sites;
        sites.Select(s => s.SiteId).Should().BeEquivalentTo((await api.SitesAsync()).Select(s => s.SiteId), "one list of sites, whatever the protocol");
        var dates = (await grpc.Availability.ListDatesAsync(new ListDatesRequest { SiteId = 1 })).Dates;
        dates.Should().Contain(d => d.ReserveDate == Day(date) && d.Remaining > 0);
        var slot = (await grpc.Availability.ListSlotsAsync(new ListSlotsRequest { SiteId = 1, Date = Day(date) })).Slots.First(s => s.Remaining > 0);

        var booked = await grpc.Bookings.BookAsync(new BookRequest { Citizen = Of(citizen), ReserveDate = Day(date), SiteId = 1, SlotTime = slot.SlotTime });

        booked.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", ReserveDate = Day(date), SiteId = 1, SlotTime = slot.SlotTime, EndTime = slot.EndTime, DoseNumber = 1 });
        await api.SettledAsync();
        var rest = await api.StatusOfAsync(citizen);
        rest.FirstDose.Should().BeEquivalentTo(new { booked.BookingId, ReserveStatus = "RESERVE", booked.SlotTime });

        var status = await grpc.Bookings.GetStatusAsync(new StatusRequest { Citizen = Of(citizen) });
        status.Should().BeEquivalentTo(new { rest.UserId, rest.UserName, rest.MaskedRegNumber });
        status.MaskedRegNumber.Should().NotContain(citizen.UserRegNumber[7..], "the RRN is only ever masked");
        status.Appointments.Should().ContainSingle(a => a.DoseNumber == 1).Which.Should().BeEquivalentTo(new { booked.BookingId, ReserveStatus = "RESERVE", VaccineType = rest.FirstDose.VaccineType ?? "" });

        // The second dose, booked with the first once its vaccine is known, moves within its interval.
        var second = status.Appointments.Single(a => a.DoseNumber == 2);
        var earliest = DateOnly.ParseExact(status.NextDose.EarliestDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var other = Day(earliest) == second.ReserveDate ? earliest.AddDays(1) : earliest;
        var moved = await grpc.Bookings.MoveAsync(new MoveRequest { Citizen = Of(citizen), ReserveDate = Day(other), DoseNumber = 2 });
        moved.Should().BeEquivalentTo(new { second.BookingId, ReserveDate = Day(other), ReserveStatus = "RESERVE", DoseNumber = 2 });

        var cancelled = await grpc.Bookings.CancelAsync(new CancelRequest { Citizen = Of(citizen) });
        cancelled.Should().BeEquivalentTo(new { booked.BookingId, ReserveStatus = "CANCEL" });
        await api.SettledAsync();

        var after = await grpc.Bookings.GetStatusAsync(new StatusRequest { Citizen = Of(citizen) });
        after.Appointments.Single(a => a.BookingId == booked.BookingId).ReserveStatus.Should().Be("CANCEL");
        after.Notifications.Select(n => n.ReserveStatus).Should().Contain(["RESERVE", "CANCEL"], "every status change is told to the citizen");
        (await api.StatusOfAsync(citizen)).FirstDose.ReserveStatus.Should().Be("CANCEL");
    }

    [DatabaseFact]
    public async Task Hospital_staff_list_the_day_and_record_the_injection_over_gRPC_and_the_citizen_s_record_shows_it()
    {
        // A host of its own: moving its clock to the booked day would move today on for the class's other tests.
        await using var own = new KVaccineApp();
        using var citizens = new GrpcClients(own);
        using var staff = new GrpcClients(own, StaffPolicies.HospitalStaffRole);
        var api = own.CreateApi();
        var citizen = Citizen.New("Grpc Injection");
        var booked = await citizens.Bookings.BookAsync(new BookRequest { Citizen = Of(citizen), ReserveDate = Day(KVaccineApp.Tomorrow) });
        await api.SettledAsync();

        var early = await RefusalOf(() => staff.Hospital.RecordInjectionAsync(new RecordInjectionRequest { UserId = booked.UserId }).ResponseAsync);
        early.Code.Should().Be(StatusCode.FailedPrecondition);
        early.Message.Should().Contain("booked day");

        own.Clock.Advance(TimeSpan.FromDays(1));
        var day = await staff.Hospital.ListAppointmentsAsync(new ListAppointmentsRequest());
        var expected = day.Appointments.Should().ContainSingle(a => a.BookingId == booked.BookingId).Which;
        expected.Should().BeEquivalentTo(new { booked.UserId, ReserveDate = Day(KVaccineApp.Tomorrow), ReserveStatus = "RESERVE" });
        expected.MaskedRegNumber.Should().NotContain(citizen.UserRegNumber[7..]);

        var injected = await staff.Hospital.RecordInjectionAsync(new RecordInjectionRequest { UserId = booked.UserId, RequestId = "inject-" + booked.UserId });
        injected.Should().BeEquivalentTo(new { booked.UserId, booked.BookingId, ReserveStatus = "INJECT", InjectDate = Day(KVaccineApp.Tomorrow) });
        await api.SettledAsync();

        var status = await citizens.Bookings.GetStatusAsync(new StatusRequest { Citizen = Of(citizen) });
        status.Appointments.Single(a => a.DoseNumber == 1).Should().BeEquivalentTo(new { ReserveStatus = "INJECT", InjectDate = Day(KVaccineApp.Tomorrow), injected.VaccineType });
        var cancel = await RefusalOf(() => citizens.Bookings.CancelAsync(new CancelRequest { Citizen = Of(citizen), DoseNumber = 1 }).ResponseAsync);
        cancel.Code.Should().Be(StatusCode.FailedPrecondition);
        cancel.Message.Should().Contain("already been given");
        var retried = await staff.Hospital.RecordInjectionAsync(new RecordInjectionRequest { UserId = booked.UserId, RequestId = "inject-" + booked.UserId });
        retried.Should().BeEquivalentTo(injected, "a retry with the same request id gets the first reply");
    }

    [DatabaseFact]
    public async Task Hospital_calls_need_a_token_with_the_hospital_role()
    {
        using var anonymous = new GrpcClients(app);
        using var admin = new GrpcClients(app, StaffPolicies.AdminRole);

        (await RefusalOf(() => anonymous.Hospital.ListAppointmentsAsync(new ListAppointmentsRequest()).ResponseAsync)).Code.Should().Be(StatusCode.Unauthenticated);
        (await RefusalOf(() => admin.Hospital.RecordInjectionAsync(new RecordInjectionRequest { UserId = 1 }).ResponseAsync)).Code.Should().Be(StatusCode.PermissionDenied);
    }
}

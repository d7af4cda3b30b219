using Google.Protobuf;
using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>
/// The REST API's hostile-input table sent as protobuf messages (and as bytes that are none): every call is refused
/// with a client's status, never INTERNAL or UNKNOWN, echoes no RRN, and writes nothing.
/// </summary>
public abstract class GrpcHostileInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp
{
    private const string Rrn = "890309-2766876";
    private static readonly string LongName = new('가', 51);

    private static readonly StatusCode[] ClientStatuses =
        [StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.ResourceExhausted, StatusCode.Unimplemented];

    private static KVaccine.Grpc.V1.Citizen Who(string name, string rrn) => new() { UserName = name, UserRegNumber = rrn };

    /// <summary>Each case a call; the citizens' ones for every citizen method.</summary>
    private static readonly Dictionary<string, Func<GrpcClients, Task>> Calls = BuildCalls();

    private static Dictionary<string, Func<GrpcClients, Task>> BuildCalls()
    {
        var calls = new Dictionary<string, Func<GrpcClients, Task>>();
        var citizens = new Dictionary<string, KVaccine.Grpc.V1.Citizen?>
        {
            ["no citizen"] = null,
            ["empty citizen"] = new(),
            ["name too long"] = Who(LongName, Rrn),
            ["control characters"] = Who("Kim\u0000\u0007", Rrn),
            ["impossible RRN date"] = Who("Kim", "890399-2766876"),
            ["SQL for an RRN"] = Who("Kim", "' OR 1=1 --"),
            ["huge name"] = Who(new string('a', 20_000), Rrn),
        };
        foreach (var (name, who) in citizens)
        {
            calls[$"Book, {name}"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = who, ReserveDate = "2026-11-27" }).ResponseAsync;
            calls[$"Move, {name}"] = g => g.Bookings.MoveAsync(new MoveRequest { Citizen = who, ReserveDate = "2026-12-20", DoseNumber = 2 }).ResponseAsync;
            calls[$"Cancel, {name}"] = g => g.Bookings.CancelAsync(new CancelRequest { Citizen = who }).ResponseAsync;
            calls[$"GetStatus, {name}"] = g => g.Bookings.GetStatusAsync(new StatusRequest { Citizen = who }).ResponseAsync;
        }
        var kim = Who("Kim", Rrn);
        calls["Book, a date in the past"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2020-01-01" }).ResponseAsync;
        calls["Book, a date beyond the window"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2027-06-01" }).ResponseAsync;
        calls["Book, a date in another shape"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "26/11/2026" }).ResponseAsync;
        calls["Book, dose 3"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", DoseNumber = 3 }).ResponseAsync;
        calls["Book, a negative site"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", SiteId = -5 }).ResponseAsync;
        calls["Book, no such site"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", SiteId = 999 }).ResponseAsync;
        calls["Book, a slot in another shape"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", SlotTime = "9h" }).ResponseAsync;
        calls["Book, an unknown language"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", Language = "xx\u0007" }).ResponseAsync;
        calls["Book, too young"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = Who("Baby", "261101-3000001"), ReserveDate = "2026-11-27" }).ResponseAsync;
        calls["Book, a request id with spaces"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", RequestId = "a b" }).ResponseAsync;
        calls["Book, a request id too long"] = g => g.Bookings.BookAsync(new BookRequest { Citizen = kim, ReserveDate = "2026-11-27", RequestId = new string('k', 101) }).ResponseAsync;
        calls["Cancel, dose -1"] = g => g.Bookings.CancelAsync(new CancelRequest { Citizen = kim, DoseNumber = -1 }).ResponseAsync;
        calls["Move, the first dose"] = g => g.Bookings.MoveAsync(new MoveRequest { Citizen = kim, ReserveDate = "2026-12-20", DoseNumber = 1 }).ResponseAsync;
        calls["Move, a slot in another shape"] = g => g.Bookings.MoveAsync(new MoveRequest { Citizen = kim, ReserveDate = "2026-12-20", SlotTime = "9h" }).ResponseAsync;
        calls["ListSites, a region too long"] = g => g.Availability.ListSitesAsync(new ListSitesRequest { Region = new string('x', 500) }).ResponseAsync;
        calls["ListSites, control characters"] = g => g.Availability.ListSitesAsync(new ListSitesRequest { Region = "Seoul\u0007" }).ResponseAsync;
        calls["ListDates, dose 3"] = g => g.Availability.ListDatesAsync(new ListDatesRequest { SiteId = 1, DoseNumber = 3 }).ResponseAsync;
        calls["ListDates, a negative site"] = g => g.Availability.ListDatesAsync(new ListDatesRequest { SiteId = -1 }).ResponseAsync;
        calls["ListSlots, yesterday"] = g => g.Availability.ListSlotsAsync(new ListSlotsRequest { SiteId = 1, Date = "yesterday" }).ResponseAsync;
        calls["ListSlots, 30 February"] = g => g.Availability.ListSlotsAsync(new ListSlotsRequest { SiteId = 1, Date = "2026-02-30" }).ResponseAsync;
        calls["RecordInjection, user -1"] = g => g.Hospital.RecordInjectionAsync(new RecordInjectionRequest { UserId = -1 }).ResponseAsync;
        calls["RecordInjection, no user"] = g => g.Hospital.RecordInjectionAsync(new RecordInjectionRequest()).ResponseAsync;
        calls["RecordInjection, an unknown user"] = g => g.Hospital.RecordInjectionAsync(new RecordInjectionRequest { UserId = long.MaxValue }).ResponseAsync;
        calls["ListAppointments, 30 February"] = g => g.Hospital.ListAppointmentsAsync(new ListAppointmentsRequest { Date = "2026-02-30" }).ResponseAsync;
        calls["ListAppointments, a negative site"] = g => g.Hospital.ListAppointmentsAsync(new ListAppointmentsRequest { SiteId = -3 }).ResponseAsync;
        calls["Watch, a negative position"] = async g =>
        {
            using var call = g.StatusChanges.Watch(new WatchRequest { After = -1 });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        };
        // Bytes that are no message of the contract, and a message with a field of the wrong wire type.
        calls["Book, bytes that are no message"] = g => Raw(g, "/kvaccine.v1.Bookings/Book", [0xFF, 0xFF, 0xFF, 0xFF]);
        calls["Book, a field of the wrong type"] = g => Raw(g, "/kvaccine.v1.Bookings/Book", [0x0A, 0x02, 0x08, 0x2A, 0x12, 0x01, 0x41]);
        calls["an unknown method"] = g => Raw(g, "/kvaccine.v1.Bookings/Delete", [0x0A, 0x00]);
        return calls;
    }

    public static TheoryData<string> Cases() => new(Calls.Keys);

    [DatabaseTheory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_client_s_status_echoes_no_RRN_and_writes_nothing(string name)
    {
        using var grpc = new GrpcClients(app, StaffPolicies.AdminRole, StaffPolicies.HospitalStaffRole);
        var rowsBefore = await app.CountRowsAsync();

        var refused = await FluentActions.Awaiting(() => Calls[name](grpc)).Should().ThrowAsync<RpcException>(name);

        var e = refused.Which;
        e.StatusCode.Should().BeOneOf(ClientStatuses, $"{name} answered {e.Status}");
        e.Status.Detail.Should().NotContain("2766876", "an error never echoes an RRN");
        (e.GetRpcStatus()?.ToString() ?? "").Should().NotContain("2766876");
        (await app.CountRowsAsync()).Should().Be(rowsBefore, "nothing is written");
    }

    private static Task Raw(GrpcClients grpc, string method, byte[] body)
    {
        var bytes = Marshallers.Create(b => b, b => b);
        var parts = method.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return grpc.Channel.CreateCallInvoker()
            .AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, parts[0], parts[1], bytes, bytes), null, new CallOptions(), body).ResponseAsync;
    }
}

public sealed class GrpcHostileInputTests(KVaccineApp app) : GrpcHostileInputTests<KVaccineApp>(app);

public sealed class GrpcHostileInputTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : GrpcHostileInputTests<KVaccineAppOnPostgreSql>(app);

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;
using static KVaccine.IntegrationTests.Grpc.GrpcClients;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>
/// Every kind of refusal in gRPC's words, with the REST API's messages: the fields in a google.rpc.BadRequest named as
/// the contract names them, the state's refusals, a request id's replay and misuse, a module switched off.
/// </summary>
public sealed class GrpcRefusalTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private readonly Api _api = app.CreateApi();

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [DatabaseFact]
    public async Task A_request_that_fails_validation_is_INVALID_ARGUMENT_naming_each_field_with_the_REST_API_s_words()
    {
        using var grpc = new GrpcClients(app);
        var citizen = new Citizen("Kim", "123");
        await _api.SettledAsync(); // the class's other bookings have stopped writing
        var rowsBefore = await app.CountRowsAsync();

        var refusal = await RefusalOf(() => grpc.Bookings.BookAsync(new BookRequest { Citizen = Of(citizen), ReserveDate = "26/11/2026", DoseNumber = 3 }).ResponseAsync);

        refusal.Code.Should().Be(StatusCode.InvalidArgument);
        var rest = (await Api.ProblemAsync(await _api.Http.PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = "26/11/2026", doseNumber = 3 }),
            HttpStatusCode.BadRequest)).GetProperty("errors");
        refusal.Fields!.FieldViolations.Select(v => (v.Field, v.Description)).Should().BeEquivalentTo(new[]
        {
            ("citizen.user_reg_number", rest.GetProperty("userRegNumber")[0].GetString()),
            ("reserve_date", rest.GetProperty("reserveDate")[0].GetString()),
            ("dose_number", rest.GetProperty("doseNumber")[0].GetString()),
        });
        (await app.CountRowsAsync()).Should().Be(rowsBefore, "nothing is written");
    }

    [DatabaseFact]
    public async Task Refusals_are_NOT_FOUND_and_FAILED_PRECONDITION_with_the_REST_API_s_title_and_detail()
    {
        using var grpc = new GrpcClients(app);
        var stranger = Citizen.New("Nobody Yet");
        var unknown = await RefusalOf(() => grpc.Bookings.GetStatusAsync(new StatusRequest { Citizen = Of(stranger) }).ResponseAsync);
        unknown.Code.Should().Be(StatusCode.NotFound);
        unknown.Message.Should().Be(Said(await Api.ProblemAsync(await _api.StatusAsync(stranger), HttpStatusCode.NotFound)));
        (await RefusalOf(() => grpc.Availability.ListDatesAsync(new ListDatesRequest { SiteId = 999 }).ResponseAsync)).Code.Should().Be(StatusCode.NotFound);

        var citizen = Citizen.New("Twice Booker");
        await grpc.Bookings.BookAsync(new BookRequest { Citizen = Of(citizen), ReserveDate = Day(app.FreshDate()) });
        var twice = await RefusalOf(() => grpc.Bookings.BookAsync(new BookRequest { Citizen = Of(citizen), ReserveDate = Day(app.FreshDate()) }).ResponseAsync);
        twice.Code.Should().Be(StatusCode.FailedPrecondition);
        twice.Message.Should().Be(Said(await Api.ProblemAsync(await _api.ReserveAsync(citizen, app.FreshDate()), HttpStatusCode.Conflict)));
        twice.Message.Should().Contain("already hold a booking").And.NotContain(citizen.UserRegNumber[7..]);

        await grpc.Bookings.CancelAsync(new CancelRequest { Citizen = Of(citizen), DoseNumber = 1 });
        var nothing = await RefusalOf(() => grpc.Bookings.CancelAsync(new CancelRequest { Citizen = Of(citizen), DoseNumber = 1 }).ResponseAsync);
        nothing.Code.Should().Be(StatusCode.FailedPrecondition);
        nothing.Message.Should().Be(Said(await Api.ProblemAsync(await _api.CancelDoseAsync(citizen, 1), HttpStatusCode.Conflict)));
    }

    [DatabaseFact]
    public async Task A_retry_with_the_same_request_id_gets_the_first_reply_and_books_nothing_more_another_request_under_it_is_ALREADY_EXISTS()
    {
        using var grpc = new GrpcClients(app);
        var citizen = Citizen.New("Retrying Partner");
        var request = new BookRequest { Citizen = Of(citizen), ReserveDate = Day(app.FreshDate()), RequestId = Guid.NewGuid().ToString() };

        var first = await grpc.Bookings.BookAsync(request);
        var retry = await grpc.Bookings.BookAsync(request.Clone());

        retry.Should().BeEquivalentTo(first);
        (await _api.StatusOfAsync(citizen)).Appointments!.Where(a => a.DoseNumber == 1).Should().ContainSingle("the retry booked nothing");
        var other = request.Clone();
        other.ReserveDate = Day(app.FreshDate());
        var reused = await RefusalOf(() => grpc.Bookings.BookAsync(other).ResponseAsync);
        reused.Code.Should().Be(StatusCode.AlreadyExists);
        reused.Message.Should().Contain("used for another request");

        var bad = await RefusalOf(() => grpc.Bookings.CancelAsync(new CancelRequest { Citizen = Of(citizen), RequestId = "not a key" }).ResponseAsync);
        bad.Code.Should().Be(StatusCode.InvalidArgument);
        bad.Fields!.FieldViolations.Should().ContainSingle().Which.Field.Should().Be("request_id");
        (await _api.StatusOfAsync(citizen)).FirstDose.ReserveStatus.Should().Be("RESERVE", "a refused call cancels nothing");
    }

    [DatabaseFact]
    public async Task A_retry_while_the_first_call_with_its_request_id_still_runs_is_ABORTED_with_when_to_retry()
    {
        // Nothing decides, so a booking waits its whole ConfirmWaitMs before answering PENDING.
        await using var own = new KVaccineApp { With = s => (s["Outbox"]!["DispatcherEnabled"], s["User"]!["Booking"]!["ConfirmWaitMs"]) = (false, 3000) };
        using var grpc = new GrpcClients(own);
        var request = new BookRequest { Citizen = Of(Citizen.New("Impatient Partner")), ReserveDate = Day(own.FreshDate()), RequestId = Guid.NewGuid().ToString() };

        var calls = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return (Reply: await grpc.Bookings.BookAsync(request.Clone()), Refusal: (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (Reply: (BookingReply?)null, Refusal: e);
            }
        }));

        var first = calls.Should().ContainSingle(c => c.Reply != null, "one call runs").Which.Reply!;
        first.ReserveStatus.Should().Be("PENDING");
        var refused = calls.Single(c => c.Refusal != null).Refusal!;
        refused.StatusCode.Should().Be(StatusCode.Aborted);
        refused.Status.Detail.Should().Contain("still being processed");
        refused.GetRpcStatus()!.GetDetail<Google.Rpc.RetryInfo>().RetryDelay.ToTimeSpan().Should().Be(TimeSpan.FromSeconds(1));
        (await grpc.Bookings.BookAsync(request.Clone())).Should().BeEquivalentTo(first, "once the first has answered, a retry gets its reply");
    }

    [DatabaseFact]
    public async Task A_module_switched_off_answers_UNAVAILABLE_with_when_to_retry_and_writes_nothing()
    {
        await using var own = new KVaccineApp();
        using var grpc = new GrpcClients(own);
        await own.CreateApi().SettledAsync();
        var rowsBefore = await own.CountRowsAsync();
        own.SetModuleEnabled("User", false);

        await Poll.UntilAsync(async () =>
        {
            try
            {
                await grpc.Availability.ListSitesAsync(new ListSitesRequest());
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                return true;
            }
        }, "the switch is read");
        var refusal = await RefusalOf(() => grpc.Bookings.BookAsync(new BookRequest { Citizen = Of(Citizen.New()), ReserveDate = Day(own.FreshDate()) }).ResponseAsync);

        refusal.Code.Should().Be(StatusCode.Unavailable);
        refusal.Message.Should().StartWith("The User module is switched off.");
        refusal.Retry!.RetryDelay.ToTimeSpan().Should().Be(TimeSpan.FromSeconds(60));
        (await own.CountRowsAsync()).Should().Be(rowsBefore);
        using var staff = new GrpcClients(own, KVaccine.BuildingBlocks.Web.StaffPolicies.HospitalStaffRole);
        (await staff.Hospital.ListAppointmentsAsync(new ListAppointmentsRequest())).Should().NotBeNull("another module's calls go on");
    }

    private static string Said(System.Text.Json.JsonElement problem) => $"{problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}";
}

using System.Globalization;
using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;
using static KVaccine.IntegrationTests.Grpc.GrpcClients;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>
/// The operators' stream of status changes: in order, resumable from a position, so a client that reconnects in
/// the middle of the day misses nothing and sees nothing twice.
/// </summary>
public sealed class GrpcStatusStreamTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [DatabaseFact]
    public async Task A_watcher_that_reconnects_in_the_middle_gets_every_change_once_in_order()
    {
        using var operators = new GrpcClients(app, StaffPolicies.AdminRole);
        using var citizens = new GrpcClients(app);
        var api = app.CreateApi();
        var start = (await api.AllChangesAsync()).Select(c => c.Position).DefaultIfEmpty(0).Max();
        var seen = new List<StatusChange>();

        // First connection: three bookings, then the client goes away.
        var first = new List<(BookingReply Reply, KVaccine.Grpc.V1.Citizen Citizen)>();
        using (var watch = new CancellationTokenSource())
        {
            using var call = operators.StatusChanges.Watch(new WatchRequest { After = start }, cancellationToken: watch.Token);
            for (var i = 0; i < 3; i++) first.Add(await BookAsync(citizens));
            await ReadUntilAsync(call, seen, () => first.All(b => seen.Any(c => c.BookingId == b.Reply.BookingId && c.ReserveStatus == "RESERVE")));
            await watch.CancelAsync();
        }

        // While nobody watches: more bookings and a cancellation.
        var second = new List<(BookingReply Reply, KVaccine.Grpc.V1.Citizen Citizen)>();
        for (var i = 0; i < 3; i++) second.Add(await BookAsync(citizens));
        await citizens.Bookings.CancelAsync(new CancelRequest { Citizen = first[0].Citizen });

        // Reconnected after the last position received.
        using (var watch = new CancellationTokenSource())
        {
            using var call = operators.StatusChanges.Watch(new WatchRequest { After = seen[^1].Position }, cancellationToken: watch.Token);
            await ReadUntilAsync(call, seen, () => second.All(b => seen.Any(c => c.BookingId == b.Reply.BookingId && c.ReserveStatus == "RESERVE"))
                                                  && seen.Any(c => c.BookingId == first[0].Reply.BookingId && c.ReserveStatus == "CANCEL"));
            await api.SettledAsync();
            var log = (await api.AllChangesAsync(start)).ToList();
            await ReadUntilAsync(call, seen, () => seen[^1].Position >= log[^1].Position);
            await watch.CancelAsync();

            seen.Select(c => c.Position).Should().Equal(log.Select(c => c.Position), "the two connections together saw the log: nothing missed, nothing twice, in order");
            seen.Select(c => (c.BookingId, c.ReserveStatus)).Should().Equal(log.Select(c => (c.BookingId, c.Status)));
        }
        seen.Select(c => c.ReserveStatus).Should().Contain(["PENDING", "RESERVE", "CANCEL"]);
    }

    [DatabaseFact]
    public async Task The_stream_is_for_staff_and_refuses_a_position_below_zero_naming_the_field()
    {
        using var anonymous = new GrpcClients(app);
        using var staff = new GrpcClients(app, StaffPolicies.HospitalStaffRole);

        (await RefusalOf(() => DrainAsync(anonymous.StatusChanges.Watch(new WatchRequest())))).Code.Should().Be(StatusCode.Unauthenticated);
        var invalid = await RefusalOf(() => DrainAsync(staff.StatusChanges.Watch(new WatchRequest { After = -1 })));
        invalid.Code.Should().Be(StatusCode.InvalidArgument);
        invalid.Fields!.FieldViolations.Should().ContainSingle().Which.Field.Should().Be("after");
    }

    private async Task<(BookingReply, KVaccine.Grpc.V1.Citizen)> BookAsync(GrpcClients citizens)
    {
        var citizen = Of(Citizen.New("Stream Watcher"));
        var reply = await citizens.Bookings.BookAsync(new BookRequest { Citizen = citizen, ReserveDate = app.FreshDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        reply.ReserveStatus.Should().Be("RESERVE");
        return (reply, citizen);
    }

    private static async Task ReadUntilAsync(AsyncServerStreamingCall<StatusChange> call, List<StatusChange> seen, Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!done())
        {
            (await call.ResponseStream.MoveNext(timeout.Token)).Should().BeTrue("the stream stays open while the host runs");
            seen.Add(call.ResponseStream.Current);
        }
    }

    private static async Task DrainAsync(AsyncServerStreamingCall<StatusChange> call)
    {
        using (call)
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
    }
}

using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;

namespace KVaccine.FaultTests;

/// <summary>
/// The real host with <c>Grpc:Port</c>: partners' clients speak gRPC over cleartext HTTP/2 on that port while REST
/// answers on the host's URL as before; on SIGTERM a status stream ends with UNAVAILABLE, telling its client to
/// reconnect after the last position it received.
/// </summary>
[Collection("fault harness")] // a host process of its own; not while a fault scenario loads the machine
public sealed class GrpcPortTests : IAsyncLifetime
{
    private readonly TempDatabase _folder = new();
    private readonly int _grpcPort = HostProcess.FreePort();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = new HostProcess(_folder.Folder, s => s["Grpc"] = new System.Text.Json.Nodes.JsonObject { ["Port"] = _grpcPort });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task gRPC_answers_on_its_own_port_REST_on_the_host_s_URL_and_a_stopping_host_ends_a_stream_with_UNAVAILABLE()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_grpcPort}");
        using var rest = new HttpClient { BaseAddress = _host.BaseAddress };
        var date = (await new Availability.AvailabilityClient(channel).ListDatesAsync(new ListDatesRequest { SiteId = 1 })).Dates.First(d => d.Remaining > 0);

        var booked = await new Bookings.BookingsClient(channel).BookAsync(new BookRequest
        {
            Citizen = new() { UserName = "Port Partner", UserRegNumber = "900101-1000001" }, ReserveDate = date.ReserveDate, RequestId = "port-1",
        });

        booked.ReserveStatus.Should().BeOneOf("PENDING", "RESERVE");
        var status = await rest.PostAsJsonAsync("/user/status", new { userName = "Port Partner", userRegNumber = "900101-1000001" });
        status.StatusCode.Should().Be(HttpStatusCode.OK, "REST still answers on the host's URL, HTTP/1.1");
        (await status.Content.ReadAsStringAsync()).Should().Contain($"\"bookingId\":{booked.BookingId}");
        _host.Output.Should().NotContain(line => line.Contains("Overriding address"), "the host's URL is declared again beside the gRPC port, not overridden");

        using var staff = Driver.Staff(_host.BaseAddress);
        var headers = new Metadata { { "Authorization", staff.DefaultRequestHeaders.Authorization!.ToString() } };
        using var watch = new StatusChanges.StatusChangesClient(channel).Watch(new WatchRequest(), headers);
        (await watch.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        watch.ResponseStream.Current.BookingId.Should().Be(booked.BookingId);

        var stopping = _host.TerminateAsync(TimeSpan.FromSeconds(40));
        var ended = await FluentActions.Awaiting(async () =>
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None)) { }
        }).Should().ThrowAsync<RpcException>();
        ended.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        ended.Which.Status.Detail.Should().Contain("Reconnect with the last position received");
        await stopping;
        _host.ExitCode.Should().Be(0);
    }
}

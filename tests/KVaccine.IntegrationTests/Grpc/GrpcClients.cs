using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using KVaccine.Grpc.V1;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>
/// Real <c>Grpc.Net.Client</c> clients of a test host, over its in-process HTTP/2 handler; with roles, each call
/// carries a fresh staff token, as a partner's system would.
/// </summary>
public sealed class GrpcClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcClients(KVaccineApp app, params string[] roles)
    {
        HttpMessageHandler handler = app.Server.CreateHandler();
        if (roles.Length > 0) handler = new Bearer(() => app.TokenFor(roles)) { InnerHandler = handler };
        _channel = GrpcChannel.ForAddress(app.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    public Availability.AvailabilityClient Availability => new(_channel);

    public KVaccine.Grpc.V1.Bookings.BookingsClient Bookings => new(_channel);

    public Hospital.HospitalClient Hospital => new(_channel);

    public StatusChanges.StatusChangesClient StatusChanges => new(_channel);

    public GrpcChannel Channel => _channel;

    public void Dispose() => _channel.Dispose();

    public static KVaccine.Grpc.V1.Citizen Of(Citizen citizen) => new() { UserName = citizen.UserName, UserRegNumber = citizen.UserRegNumber };

    /// <summary>The status a call ended with, and its details.</summary>
    public static async Task<(StatusCode Code, string Message, BadRequest? Fields, RetryInfo? Retry)> RefusalOf(Func<Task> call)
    {
        var refused = await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>();
        var e = refused.Which;
        var status = e.GetRpcStatus();
        return (e.StatusCode, e.Status.Detail, status?.GetDetail<BadRequest>(), status?.GetDetail<RetryInfo>());
    }

    private sealed class Bearer(Func<string> issue) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new("Bearer", issue());
            return base.SendAsync(request, cancellationToken);
        }
    }
}

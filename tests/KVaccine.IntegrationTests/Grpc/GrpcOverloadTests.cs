using System.Net;
using Grpc.Core;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>gRPC calls count against the REST routes' budgets: a flood is refused with RESOURCE_EXHAUSTED and when to retry.</summary>
public sealed class GrpcOverloadTests(TightBudgetApp app) : IClassFixture<TightBudgetApp>
{
    [DatabaseFact]
    public async Task A_flood_of_date_queries_over_gRPC_is_RESOURCE_EXHAUSTED_with_a_retry_delay_and_bookings_go_on()
    {
        using var grpc = new GrpcClients(app);
        var api = app.CreateApi();

        var flood = Enumerable.Range(0, 200).Select(async _ =>
        {
            try
            {
                await grpc.Availability.ListDatesAsync(new ListDatesRequest { SiteId = 1 });
                return (Code: StatusCode.OK, Status: (Google.Rpc.Status?)null);
            }
            catch (RpcException e)
            {
                return (Code: e.StatusCode, Status: e.GetRpcStatus());
            }
        }).ToList();
        var booking = await api.ReserveAsync(Citizen.New(), app.FreshDate());
        var answers = await Task.WhenAll(flood);

        booking.StatusCode.Should().Be(HttpStatusCode.Created, "bookings have their own budget");
        answers.Should().OnlyContain(a => a.Code == StatusCode.OK || a.Code == StatusCode.ResourceExhausted);
        answers.Count(a => a.Code == StatusCode.OK).Should().BeInRange(1, 20, "a burst of ten, two at a time");
        var refused = answers.Where(a => a.Code == StatusCode.ResourceExhausted).ToList();
        refused.Should().HaveCountGreaterThan(150);
        refused[0].Status!.Message.Should().Contain("try again");
        refused[0].Status!.GetDetail<Google.Rpc.RetryInfo>().RetryDelay.ToTimeSpan().Should().BePositive();
    }
}

using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using KVaccine.Grpc.V1;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests.Grpc;

/// <summary>What a partner finds before its first call: the contract by reflection, the host's health, request ids where calls change state.</summary>
public sealed class GrpcContractTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private static readonly ServiceDescriptor[] Services =
        [Availability.Descriptor, KVaccine.Grpc.V1.Bookings.Descriptor, Hospital.Descriptor, StatusChanges.Descriptor];

    [DatabaseFact]
    public async Task Reflection_lists_the_versioned_services_and_health_says_serving_when_the_host_is_ready()
    {
        using var grpc = new GrpcClients(app);

        using var reflection = new ServerReflection.ServerReflectionClient(grpc.Channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        (await reflection.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Should()
            .Contain(Services.Select(s => s.FullName)).And.Contain("grpc.health.v1.Health")
            .And.OnlyContain(name => name.StartsWith("kvaccine.v1.") || name.StartsWith("grpc."), "the contract's version is in its package name");

        var ready = (await app.CreateApi().Http.GetAsync("/health/ready")).IsSuccessStatusCode;
        ready.Should().BeTrue();
        (await new Health.HealthClient(grpc.Channel).CheckAsync(new HealthCheckRequest())).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public void Every_call_that_changes_state_takes_a_request_id_and_every_other_only_reads()
    {
        foreach (var method in Services.SelectMany(s => s.Methods))
        {
            var reads = method.Name.StartsWith("List") || method.Name.StartsWith("Get") || method.Name == "Watch";
            method.InputType.FindFieldByName("request_id").Should().Match<FieldDescriptor?>(f => reads ? f == null : f != null && f.FieldType == FieldType.String,
                $"{method.FullName} {(reads ? "only reads" : "changes state, so a partner must be able to retry it safely")}");
        }
    }
}

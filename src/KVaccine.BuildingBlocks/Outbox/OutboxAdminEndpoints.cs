using KVaccine.BuildingBlocks.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>The operator's view of the outbox over HTTP: <c>GET /admin/outbox</c> and the replay of a dead letter (<see cref="OutboxAdministration"/>).</summary>
public static class OutboxAdminEndpoints
{
    public static RouteGroupBuilder MapOutboxAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/outbox").WithTags("Admin");
        group.MapGet("", GetStatus).WithName("GetOutboxStatus")
            .WithSummary("Per consumer: on or off, backlog, age of the oldest pending delivery, dead letters; the deliveries waiting for a retry.");
        group.MapPost("/dead-letters/{id:long}/replay", Replay).WithName("ReplayDeadLetter").WithIdempotency("admin/outbox/replay")
            .WithSummary("Delivers a dead letter again (202); 404 if it is not one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<OutboxStatus>> GetStatus(OutboxAdministration outbox, CancellationToken ct) =>
        TypedResults.Ok(await outbox.StatusAsync(ct));

    internal static async Task<Results<Accepted, ProblemHttpResult>> Replay(long id, OutboxAdministration outbox, CancellationToken ct) =>
        await outbox.ReplayAsync(id, ct)
            ? TypedResults.Accepted("/admin/outbox")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter.",
                detail: $"Delivery {id} is not dead-lettered (it may have been replayed already).");
}

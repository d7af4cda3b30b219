using Grpc.Core;
using KVaccine.Grpc;
using KVaccine.Grpc.V1;
using MediatR;
using Microsoft.Extensions.Hosting;
using Changes = KVaccine.Modules.Dashboard.Views.StatusChanges;

namespace KVaccine.Modules.Dashboard.Grpc;

/// <summary>
/// <c>kvaccine.v1.StatusChanges/Watch</c>: the Dashboard's log of status changes (<see cref="Changes"/>, the same
/// request as <c>GET /dashboard/changes</c>) as a server stream, from the position the client gives; it reads the log
/// again every <see cref="PollInterval"/> once it has caught up, so changes applied by any host reach every watcher.
/// A stopping host ends the stream with UNAVAILABLE, so the client reconnects elsewhere after the last position it saw.
/// </summary>
internal sealed class StatusChangesService(IMediator mediator, IHostApplicationLifetime lifetime) : KVaccine.Grpc.V1.StatusChanges.StatusChangesBase
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public override async Task Watch(WatchRequest request, IServerStreamWriter<StatusChange> stream, ServerCallContext context)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var ct = call.Token;
        var after = request.After;
        try
        {
            while (true)
            {
                var page = await mediator.Send(new Changes.Query(after, Changes.MaxLimit), ct);
                foreach (var change in page.Changes) await stream.WriteAsync(ReplyOf(change), ct);
                after = page.Last;
                // Wall-clock pacing: the log is read again, it is not a time of the domain.
                if (page.Changes.Count < Changes.MaxLimit) await Task.Delay(PollInterval, ct);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The host is stopping. Reconnect with the last position received as after to go on where this stream stopped."));
        }
    }

    private static StatusChange ReplyOf(Changes.Change change) => new()
    {
        Position = change.Position,
        BookingId = change.BookingId,
        UserId = change.UserId,
        DoseNumber = change.DoseNumber,
        ReserveStatus = change.Status.ToString(),
        Reason = Wire.Text(change.Reason),
        SiteId = change.SiteId,
        SiteName = Wire.Text(change.SiteName),
        VaccineType = Wire.Text(change.VaccineType),
        ReserveDate = Wire.Date(change.ReserveDate),
        SlotTime = Wire.Text(change.SlotTime),
        ChangedAt = Wire.Time(change.RecordedAt),
    };
}

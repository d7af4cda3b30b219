using System.Globalization;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.Modules.User.Bookings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KVaccine.Modules.User.Integration;

/// <summary>
/// A booking request waits in the host it came to, and the decision may be applied by another host's dispatcher
/// (hosts sharing a PostgreSQL database): told of it, this host reads the booking as committed and answers the
/// waiting request. A notice missed is no loss: the request reads the booking when its wait ends.
/// </summary>
internal sealed class DecisionsOnOtherHosts(WaitingRequests<BookingResponse> decisions, IServiceScopeFactory scopes, ILogger<DecisionsOnOtherHosts> logger)
    : IHostNoticeHandler
{
    public const string NoticeChannel = "kvaccine_decided";

    public string Channel => NoticeChannel;

    public void Handle(string payload)
    {
        if (long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var bookingId) && decisions.IsWaiting(bookingId))
            _ = AnswerAsync(bookingId);
    }

    public void Resync()
    {
    }

    private async Task AnswerAsync(long bookingId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var booking = await scope.ServiceProvider.GetRequiredService<UserDbContext>().CommittedBookingAsync(bookingId, CancellationToken.None);
            decisions.Complete(bookingId, BookingResponse.Of(booking));
        }
        catch (Exception e)
        {
            // The request answers from the database when its wait ends.
            logger.LogWarning(e, "Could not read booking {BookingId}, decided on another host, for the request waiting for it", bookingId);
        }
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Wakes a consumer's dispatch loop when a transaction that wrote deliveries for it commits, so a notification
/// arrives in milliseconds rather than a polling interval. Wakes are coalesced: many commits, one pass.
/// </summary>
public sealed class OutboxSignal
{
    private readonly ConcurrentDictionary<string, Channel<bool>> _channels = new();

    public void Wake(string consumer) => ChannelOf(consumer).Writer.TryWrite(true);

    public void WakeAll()
    {
        foreach (var channel in _channels.Values) channel.Writer.TryWrite(true);
    }

    /// <summary>Waits for a wake or the timeout (wall-clock: it paces polling), whichever comes first.</summary>
    public async Task WaitAsync(string consumer, TimeSpan timeout, CancellationToken ct)
    {
        var reader = ChannelOf(consumer).Reader;
        if (reader.TryRead(out _)) return;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await reader.WaitToReadAsync(timer.Token);
            reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The polling fallback: nothing woke us in time.
        }
    }

    private Channel<bool> ChannelOf(string consumer) =>
        _channels.GetOrAdd(consumer, _ => Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
        }));
}

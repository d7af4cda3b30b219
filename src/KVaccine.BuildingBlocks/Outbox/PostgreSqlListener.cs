using KVaccine.BuildingBlocks.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// On PostgreSQL a commit on any host is heard on every other: a commit that wrote deliveries wakes their consumers
/// here (the polling interval stays the fallback), and the modules' notices reach their handlers
/// (<see cref="HostNotices"/>). Both are NOTIFYs sent with the commit, heard on a connection of its own. A lost
/// connection is opened and listened on again; then every consumer is woken and every handler resynced, for
/// whatever was committed while nobody listened.
/// </summary>
public sealed class PostgreSqlListener(IConfiguration configuration, OutboxSignal signal, HostNotices notices, ILogger<PostgreSqlListener> logger) : BackgroundService
{
    /// <summary>Whether the host is listening now (readiness does not wait for it: the poll still finds the work).</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Unpooled, and kept alive: the session is the subscription, and a dead peer is noticed within seconds.
        var connectionString = new NpgsqlConnectionStringBuilder(Database.Settings(configuration).ConnectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            Enlist = false,
        }.ConnectionString;
        var channels = notices.Channels.Prepend(OutboxStatements.WakeChannel).ToList();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => Heard(e.Channel, e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand(string.Concat(channels.Select(c => $"LISTEN {c};")), connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                IsListening = true;
                if (failures > 0) logger.LogInformation("Listening for other hosts' commits again");
                failures = 0;
                signal.WakeAll();
                notices.ResyncAll();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                IsListening = false;
                if (failures++ == 0)
                    logger.LogWarning("Lost the connection that listens for other hosts' commits ({Reason}); their work is found by polling until it is back", e.Message);
                // Wall-clock: it paces reconnecting to a server, like the polling it stands in for.
                try { await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(failures, 10)))), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        IsListening = false;
    }

    private void Heard(string channel, string tagged)
    {
        if (notices.Untag(tagged) is not { } payload) return; // this host's own: it acted on its commit already
        if (channel == OutboxStatements.WakeChannel) signal.Wake(payload);
        else notices.Dispatch(channel, payload);
    }
}

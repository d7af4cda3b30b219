using System.Collections.Frozen;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// What one host tells the others once a commit of its own is done, for what a host keeps in memory of the database
/// (Reservation's board of places, requests waiting for a decision). Registered as a service by the module that
/// listens; the host runs it when another host's commit says so.
/// </summary>
public interface IHostNoticeHandler
{
    /// <summary>The notice's channel: lower case, letters and underscores.</summary>
    string Channel { get; }

    /// <summary>Another host committed what this notice is about (a payload of its own choosing: a date, an id).</summary>
    void Handle(string payload);

    /// <summary>Notices may have been missed (the listening connection was lost): whatever is kept must be read again.</summary>
    void Resync();
}

/// <summary>
/// The notices between hosts sharing a database (<see cref="ModuleDbContext.TellOtherHosts"/>). Where one host
/// serves the database there are no others, and nothing is sent. On PostgreSQL a notice is a NOTIFY sent with the
/// commit, tagged with the host that sent it, and <see cref="PostgreSqlListener"/> hands the others' to their handlers.
/// </summary>
public sealed class HostNotices(IEnumerable<IHostNoticeHandler> handlers)
{
    private readonly FrozenDictionary<string, IHostNoticeHandler[]> _byChannel =
        handlers.GroupBy(h => h.Channel).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>This host, in the notices it sends: its own come back to it, and are dropped.</summary>
    public string HostId { get; } = Guid.NewGuid().ToString("N");

    public IEnumerable<string> Channels => _byChannel.Keys;

    public string Tag(string payload) => $"{HostId}|{payload}";

    /// <summary>Hands another host's notice to the channel's handlers; the payload, or null when it was this host's own.</summary>
    public string? Untag(string tagged)
    {
        var split = tagged.IndexOf('|', StringComparison.Ordinal);
        if (split < 0) return tagged;
        return tagged.AsSpan(0, split).SequenceEqual(HostId) ? null : tagged[(split + 1)..];
    }

    public void Dispatch(string channel, string payload)
    {
        if (_byChannel.TryGetValue(channel, out var listening))
            foreach (var handler in listening) handler.Handle(payload);
    }

    public void ResyncAll()
    {
        foreach (var handler in _byChannel.Values.SelectMany(h => h)) handler.Resync();
    }
}

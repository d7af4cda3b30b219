namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>One event as committed by its publisher. Its id is the commit order (SQLite serializes writers).</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public required string CorrelationKey { get; set; }
    public required string Publisher { get; set; }
    public long OccurredAtMs { get; set; }

    /// <summary>The W3C trace context of the work that raised it, so that its deliveries join that work's trace.</summary>
    public string? TraceParent { get; set; }
    public List<OutboxDelivery> Deliveries { get; set; } = [];
}

public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    DeadLettered = 2,
}

/// <summary>
/// The state of one message for one consuming module. Each consumer has its own row, so a consumer that is off,
/// slow or failing holds up only its own rows.
/// </summary>
public sealed class OutboxDelivery
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public OutboxMessage Message { get; set; } = null!;
    public required string Consumer { get; set; }
    public required string CorrelationKey { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptAtMs { get; set; }

    /// <summary>Set by a claim; completing or failing a delivery requires the token, so a lost claim changes nothing.</summary>
    public string? LockToken { get; set; }
    public long? LockedUntilMs { get; set; }
    public string? LastError { get; set; }
    public long? DeliveredAtMs { get; set; }
}

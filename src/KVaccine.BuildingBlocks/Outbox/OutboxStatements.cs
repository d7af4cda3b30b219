using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The outbox's hot statements in SQL, one set per provider, beside the partial indexes they are written to use.
/// Every hop of every booking runs them, and through EF each run would translate its expression tree again. A
/// partial index is used only where a query repeats its filter as written ("Status = 0" does not stand for
/// "Status &lt;&gt; 1"), so each filter is spelled once here and the queries spell it the same way.
/// </summary>
internal sealed record OutboxStatements(
    string PendingFilter,
    string UndeliveredFilter,
    string DeadLetterFilter,
    string DeliveredFilter,
    string Due,
    string NextDue,
    string Take,
    string CompleteUnleased,
    string CompleteLeased,
    string InsertMessage,
    string InsertDelivery,
    string? LockKey,
    string? Notify)
{
    public static OutboxStatements For(DatabaseFacade database) => database.IsPostgreSql() ? PostgreSql : Sqlite;

    /// <summary>The channel on which a commit wakes a consumer's loops in the other hosts (PostgreSQL's NOTIFY).</summary>
    public const string WakeChannel = "kvaccine_outbox";

    public static OutboxStatements Sqlite { get; } = new(
        PendingFilter: "Status = 0",
        UndeliveredFilter: "Status <> 1",
        DeadLetterFilter: "Status = 2",
        DeliveredFilter: "Status = 1",
        // The due head of every key, with its message: pending, its retry due, unleased, and no earlier delivery of
        // its key undelivered.
        Due: """
            SELECT d.Id, d.MessageId, d.CorrelationKey, d.Attempts, m.Type, m.Payload, m.Publisher
            FROM outbox_deliveries AS d JOIN outbox_messages AS m ON m.Id = d.MessageId
            WHERE d.Consumer = @consumer AND d.Status = 0 AND d.NextAttemptAtMs <= @now
              AND (d.LockedUntilMs IS NULL OR d.LockedUntilMs < @now)
              AND NOT EXISTS (SELECT 1 FROM outbox_deliveries AS earlier
                              WHERE earlier.Consumer = @consumer AND earlier.CorrelationKey = d.CorrelationKey
                                AND earlier.Status <> 1 AND earlier.MessageId < d.MessageId)
            ORDER BY d.MessageId
            LIMIT @limit
            """,
        NextDue: "SELECT MIN(NextAttemptAtMs) FROM outbox_deliveries WHERE Consumer = @consumer AND Status = 0 AND NextAttemptAtMs > @now",
        Take: """
            UPDATE outbox_deliveries SET LockToken = @token, LockedUntilMs = @until
            WHERE Id IN ({0}) AND Status = 0 AND NextAttemptAtMs <= @now AND (LockedUntilMs IS NULL OR LockedUntilMs < @now)
            RETURNING Id, Attempts
            """,
        CompleteUnleased: """
            UPDATE outbox_deliveries SET Status = 1, Attempts = Attempts + 1, DeliveredAtMs = @at, LockToken = NULL, LockedUntilMs = NULL
            WHERE Id IN ({0}) AND Status = 0 AND LockToken IS NULL
            """,
        CompleteLeased: """
            UPDATE outbox_deliveries SET Status = 1, Attempts = Attempts + 1, DeliveredAtMs = @at, LockToken = NULL, LockedUntilMs = NULL
            WHERE Id IN ({0}) AND Status = 0 AND LockToken = @token
            """,
        InsertMessage: "INSERT INTO outbox_messages (Type, Payload, CorrelationKey, Publisher, OccurredAtMs) VALUES (@type, @payload, @key, @publisher, @at) RETURNING Id",
        InsertDelivery: "INSERT INTO outbox_deliveries (MessageId, Consumer, CorrelationKey, Status, Attempts, NextAttemptAtMs) VALUES (@message, @consumer, @key, 0, 0, @at)",
        // SQLite lets one writer in at a time, so ids follow commit order; one host serves the file, so there is nobody to tell.
        LockKey: null,
        Notify: null);

    public static OutboxStatements PostgreSql { get; } = new(
        PendingFilter: "\"Status\" = 0",
        UndeliveredFilter: "\"Status\" <> 1",
        DeadLetterFilter: "\"Status\" = 2",
        DeliveredFilter: "\"Status\" = 1",
        Due: """
            SELECT d."Id", d."MessageId", d."CorrelationKey", d."Attempts", m."Type", m."Payload", m."Publisher"
            FROM outbox.deliveries AS d JOIN outbox.messages AS m ON m."Id" = d."MessageId"
            WHERE d."Consumer" = @consumer AND d."Status" = 0 AND d."NextAttemptAtMs" <= @now
              AND (d."LockedUntilMs" IS NULL OR d."LockedUntilMs" < @now)
              AND NOT EXISTS (SELECT 1 FROM outbox.deliveries AS earlier
                              WHERE earlier."Consumer" = @consumer AND earlier."CorrelationKey" = d."CorrelationKey"
                                AND earlier."Status" <> 1 AND earlier."MessageId" < d."MessageId")
            ORDER BY d."MessageId"
            LIMIT @limit
            """,
        NextDue: """SELECT MIN("NextAttemptAtMs") FROM outbox.deliveries WHERE "Consumer" = @consumer AND "Status" = 0 AND "NextAttemptAtMs" > @now""",
        // Under READ COMMITTED the UPDATE re-checks its predicate on each row it locks, so of two hosts taking the same
        // rows the second finds them leased and takes none of them.
        Take: """
            UPDATE outbox.deliveries SET "LockToken" = @token, "LockedUntilMs" = @until
            WHERE "Id" IN ({0}) AND "Status" = 0 AND "NextAttemptAtMs" <= @now AND ("LockedUntilMs" IS NULL OR "LockedUntilMs" < @now)
            RETURNING "Id", "Attempts"
            """,
        CompleteUnleased: """
            UPDATE outbox.deliveries SET "Status" = 1, "Attempts" = "Attempts" + 1, "DeliveredAtMs" = @at, "LockToken" = NULL, "LockedUntilMs" = NULL
            WHERE "Id" IN ({0}) AND "Status" = 0 AND "LockToken" IS NULL
            """,
        CompleteLeased: """
            UPDATE outbox.deliveries SET "Status" = 1, "Attempts" = "Attempts" + 1, "DeliveredAtMs" = @at, "LockToken" = NULL, "LockedUntilMs" = NULL
            WHERE "Id" IN ({0}) AND "Status" = 0 AND "LockToken" = @token
            """,
        InsertMessage: """
            INSERT INTO outbox.messages ("Type", "Payload", "CorrelationKey", "Publisher", "OccurredAtMs") VALUES (@type, @payload, @key, @publisher, @at) RETURNING "Id"
            """,
        InsertDelivery: """
            INSERT INTO outbox.deliveries ("MessageId", "Consumer", "CorrelationKey", "Status", "Attempts", "NextAttemptAtMs") VALUES (@message, @consumer, @key, 0, 0, @at)
            """,
        // Two transactions can take ids in one order and commit in the other, and a key's later event would then be
        // claimable before its earlier one is visible. Holding the key until commit (a transaction's advisory lock,
        // taken just before its events are written, keys in one order so that two writers cannot wait on each other)
        // makes a key's ids follow its commits.
        LockKey: "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
        // A consumer to wake, or a module's notice (HostNotices), delivered by PostgreSQL when, and only if, the
        // transaction commits.
        Notify: "SELECT pg_notify(@channel, @payload)");
}

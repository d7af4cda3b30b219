using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The outbox's hot statements in SQL, one set per provider, beside the partial indexes they are written to use.
/// Every hop of every booking runs them, and through EF each run would translate its expression tree again. A
/// partial index is used only where a query repeats its filter as written ("Status = 0" does not stand for
/// "Status &lt;&gt; 1"), so each filter is spelled once here and the queries spell it the same way. Every statement
/// on the outbox's tables is here: the claims', the commits', the operator's and the pruner's.
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
    string FailUnleased,
    string FailLeased,
    string Release,
    string ReleaseAll,
    string Backlog,
    string Retrying,
    string DeadLetters,
    string Replay,
    string PruneDeliveries,
    string PruneMessages,
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
            SELECT d.Id, d.MessageId, d.CorrelationKey, d.Attempts, m.Type, m.Payload, m.Publisher, m.TraceParent, m.OccurredAtMs
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
        // A failed attempt: retried later (status 0) or dead-lettered (2), if the claim still holds the delivery.
        FailUnleased: """
            UPDATE outbox_deliveries SET Attempts = @attempts, Status = @status, NextAttemptAtMs = @retryAt, LastError = @error, LockToken = NULL, LockedUntilMs = NULL
            WHERE Id = @id AND Status = 0 AND LockToken IS NULL
            """,
        FailLeased: """
            UPDATE outbox_deliveries SET Attempts = @attempts, Status = @status, NextAttemptAtMs = @retryAt, LastError = @error, LockToken = NULL, LockedUntilMs = NULL
            WHERE Id = @id AND Status = 0 AND LockToken = @token
            """,
        Release: "UPDATE outbox_deliveries SET LockToken = NULL, LockedUntilMs = NULL WHERE Id IN ({0}) AND LockToken = @token",
        ReleaseAll: "UPDATE outbox_deliveries SET LockToken = NULL, LockedUntilMs = NULL WHERE Status = 0 AND LockToken IS NOT NULL",
        // One statement, so the counts are one snapshot (a test's "settled" means every consumer at once), reading the
        // undelivered index, not every delivered row.
        Backlog: """
            SELECT d.Consumer, d.Status, COUNT(*), MIN(m.OccurredAtMs)
            FROM outbox_deliveries AS d JOIN outbox_messages AS m ON m.Id = d.MessageId
            WHERE d.Status <> 1
            GROUP BY d.Consumer, d.Status
            """,
        // In the pending index's order (ordered by Id, SQLite would read the whole table).
        Retrying: """
            SELECT d.Id, d.Consumer, m.Type, d.CorrelationKey, d.MessageId, d.Attempts, d.LastError, d.NextAttemptAtMs
            FROM outbox_deliveries AS d JOIN outbox_messages AS m ON m.Id = d.MessageId
            WHERE d.Status = 0 AND d.Attempts > 0
            ORDER BY d.Consumer, d.MessageId
            LIMIT @limit
            """,
        DeadLetters: """
            SELECT d.Id, d.Consumer, m.Type, d.CorrelationKey, d.MessageId, d.Attempts, d.LastError, m.OccurredAtMs
            FROM outbox_deliveries AS d JOIN outbox_messages AS m ON m.Id = d.MessageId
            WHERE d.Status = 2
            ORDER BY d.Consumer, d.Id
            LIMIT @limit
            """,
        Replay: "UPDATE outbox_deliveries SET Status = 0, Attempts = 0, NextAttemptAtMs = @now WHERE Id = @id AND Status = 2 RETURNING Consumer",
        // A chunk per statement, oldest first, through the delivered index and the messages' age index.
        PruneDeliveries: """
            DELETE FROM outbox_deliveries WHERE Id IN (
              SELECT Id FROM outbox_deliveries WHERE Status = 1 AND DeliveredAtMs < @cutoff ORDER BY DeliveredAtMs LIMIT @chunk)
            """,
        PruneMessages: """
            DELETE FROM outbox_messages WHERE Id IN (
              SELECT m.Id FROM outbox_messages AS m
              WHERE m.OccurredAtMs < @cutoff AND NOT EXISTS (SELECT 1 FROM outbox_deliveries AS d WHERE d.MessageId = m.Id)
              ORDER BY m.OccurredAtMs LIMIT @chunk)
            """,
        InsertMessage: "INSERT INTO outbox_messages (Type, Payload, CorrelationKey, Publisher, OccurredAtMs, TraceParent) VALUES (@type, @payload, @key, @publisher, @at, @trace) RETURNING Id",
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
            SELECT d."Id", d."MessageId", d."CorrelationKey", d."Attempts", m."Type", m."Payload", m."Publisher", m."TraceParent", m."OccurredAtMs"
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
        FailUnleased: """
            UPDATE outbox.deliveries SET "Attempts" = @attempts, "Status" = @status, "NextAttemptAtMs" = @retryAt, "LastError" = @error, "LockToken" = NULL, "LockedUntilMs" = NULL
            WHERE "Id" = @id AND "Status" = 0 AND "LockToken" IS NULL
            """,
        FailLeased: """
            UPDATE outbox.deliveries SET "Attempts" = @attempts, "Status" = @status, "NextAttemptAtMs" = @retryAt, "LastError" = @error, "LockToken" = NULL, "LockedUntilMs" = NULL
            WHERE "Id" = @id AND "Status" = 0 AND "LockToken" = @token
            """,
        Release: """UPDATE outbox.deliveries SET "LockToken" = NULL, "LockedUntilMs" = NULL WHERE "Id" IN ({0}) AND "LockToken" = @token""",
        ReleaseAll: """UPDATE outbox.deliveries SET "LockToken" = NULL, "LockedUntilMs" = NULL WHERE "Status" = 0 AND "LockToken" IS NOT NULL""",
        Backlog: """
            SELECT d."Consumer", d."Status", COUNT(*), MIN(m."OccurredAtMs")
            FROM outbox.deliveries AS d JOIN outbox.messages AS m ON m."Id" = d."MessageId"
            WHERE d."Status" <> 1
            GROUP BY d."Consumer", d."Status"
            """,
        Retrying: """
            SELECT d."Id", d."Consumer", m."Type", d."CorrelationKey", d."MessageId", d."Attempts", d."LastError", d."NextAttemptAtMs"
            FROM outbox.deliveries AS d JOIN outbox.messages AS m ON m."Id" = d."MessageId"
            WHERE d."Status" = 0 AND d."Attempts" > 0
            ORDER BY d."Consumer", d."MessageId"
            LIMIT @limit
            """,
        DeadLetters: """
            SELECT d."Id", d."Consumer", m."Type", d."CorrelationKey", d."MessageId", d."Attempts", d."LastError", m."OccurredAtMs"
            FROM outbox.deliveries AS d JOIN outbox.messages AS m ON m."Id" = d."MessageId"
            WHERE d."Status" = 2
            ORDER BY d."Consumer", d."Id"
            LIMIT @limit
            """,
        Replay: """UPDATE outbox.deliveries SET "Status" = 0, "Attempts" = 0, "NextAttemptAtMs" = @now WHERE "Id" = @id AND "Status" = 2 RETURNING "Consumer" """,
        PruneDeliveries: """
            DELETE FROM outbox.deliveries WHERE "Id" IN (
              SELECT "Id" FROM outbox.deliveries WHERE "Status" = 1 AND "DeliveredAtMs" < @cutoff ORDER BY "DeliveredAtMs" LIMIT @chunk)
            """,
        PruneMessages: """
            DELETE FROM outbox.messages WHERE "Id" IN (
              SELECT m."Id" FROM outbox.messages AS m
              WHERE m."OccurredAtMs" < @cutoff AND NOT EXISTS (SELECT 1 FROM outbox.deliveries AS d WHERE d."MessageId" = m."Id")
              ORDER BY m."OccurredAtMs" LIMIT @chunk)
            """,
        InsertMessage: """
            INSERT INTO outbox.messages ("Type", "Payload", "CorrelationKey", "Publisher", "OccurredAtMs", "TraceParent") VALUES (@type, @payload, @key, @publisher, @at, @trace) RETURNING "Id"
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

using System.ComponentModel.DataAnnotations;

namespace KVaccine.BuildingBlocks.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>The key shipped in appsettings.json for development; the host refuses it outside Development.</summary>
    public const string DevelopmentFingerprintKey = "development-only-idempotency-key-replace-in-production";

    /// <summary>Keys the fingerprint of a request (which holds an RRN), so the stored fingerprint reveals nothing.</summary>
    [Required, MinLength(16)]
    public string FingerprintKey { get; set; } = "";

    /// <summary>How long a key is remembered.</summary>
    [Range(1, 24 * 30)]
    public int RetentionHours { get; set; } = 24;
}

using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KVaccine.Host.Auth;

/// <summary><c>Auth:*</c>: how staff tokens are signed and checked (JWT bearer, HMAC-SHA256).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>How staff tokens are signed, and the only way a token may be: a token signed otherwise is refused.</summary>
    public const string SigningAlgorithm = SecurityAlgorithms.HmacSha256;

    /// <summary>The key shipped in appsettings.json for development; the host refuses it outside Development.</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-replace-in-production-0123456789";

    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "k-vaccine";

    [Required]
    public string Audience { get; set; } = "k-vaccine";

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// A method, not a property: options validation reads every property, and an empty key (the settings missing)
    /// would throw from here before validation could name <c>Auth:SigningKey</c>.
    /// </summary>
    public SymmetricSecurityKey CreateKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}

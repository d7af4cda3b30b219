using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KVaccine.Host.Auth;

/// <summary>
/// Issues staff tokens signed with the configured key: for local use and tests, through
/// <c>dotnet KVaccine.Host.dll token --role Admin</c>. In production tokens come from the authority's identity provider
/// sharing the key (or the host is pointed at its issuer).
/// </summary>
public static class StaffTokens
{
    public static string Issue(AuthOptions options, string subject, IEnumerable<string> roles, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.TokenLifetimeMinutes),
            SigningCredentials = new SigningCredentials(options.CreateKey(), AuthOptions.SigningAlgorithm),
        });
    }

    /// <summary>The <c>token</c> command: prints a token for the roles given with <c>--role</c>; returns the exit code.</summary>
    public static int RunCommand(string[] args, IConfiguration configuration, TimeProvider clock, TextWriter output, TextWriter error)
    {
        var roles = args.Zip(args.Skip(1)).Where(p => p.First == "--role").Select(p => p.Second).ToList();
        var known = new[] { KVaccine.BuildingBlocks.Web.StaffPolicies.AdminRole, KVaccine.BuildingBlocks.Web.StaffPolicies.HospitalStaffRole };
        if (roles.Count == 0 || roles.Any(r => !known.Contains(r)))
        {
            error.WriteLine($"usage: token --role <{string.Join("|", known)}> [--role …]");
            return 2;
        }
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.SigningKey.Length < 32)
        {
            error.WriteLine("Auth:SigningKey is missing or shorter than 32 characters.");
            return 1;
        }
        output.WriteLine(Issue(options, $"cli-{string.Join('-', roles).ToLowerInvariant()}", roles, clock));
        return 0;
    }
}

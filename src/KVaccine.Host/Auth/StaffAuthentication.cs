using System.Security.Claims;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KVaccine.Host.Auth;

/// <summary>Staff sign in with a bearer token signed with <c>Auth:SigningKey</c>; citizens' routes need none.</summary>
internal static class StaffAuthentication
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddStaffAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .RefuseDevelopmentKeyOutsideDevelopment(o => o.SigningKey, AuthOptions.DevelopmentSigningKey, "Auth:SigningKey")
            .ValidateOnStart();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, clock) =>
            {
                jwt.MapInboundClaims = false;
                // A refused token is told only that it is refused (WWW-Authenticate: Bearer): why would tell a forger what to fix.
                jwt.IncludeErrorDetails = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = auth.Value.CreateKey(),
                    ValidAlgorithms = [AuthOptions.SigningAlgorithm],
                    RoleClaimType = ClaimTypes.Role,
                    // Expiry on the service's clock (TimeProvider), like everything else time-bound.
                    LifetimeValidator = (notBefore, expires, _, _) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return (notBefore is null || notBefore.Value <= now + ClockSkew) && expires is { } end && end > now - ClockSkew;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder().AddStaffPolicies();
        return builder;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>
/// The bearer requirement, 401 and 403 on the routes that carry authorization metadata and no AllowAnonymous, and
/// on no other: the citizens' routes are anonymous.
/// </summary>
internal sealed class StaffSecurity(IOptions<AuthorizationOptions> authorization) : IOperationFilter
{
    public const string Scheme = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().ToList();
        if (policies.Count == 0 || metadata.OfType<IAllowAnonymous>().Any()) return;

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
        var roles = policies.SelectMany(RolesOf).Distinct().ToList();
        Problems.Add(operation, context, StatusCodes.Status401Unauthorized, "No valid staff token.");
        Problems.Add(operation, context, StatusCodes.Status403Forbidden,
            roles.Count == 0 ? "The token lacks the role this route needs." : $"The token has none of the roles {string.Join(", ", roles)}.");
    }

    private IEnumerable<string> RolesOf(IAuthorizeData data)
    {
        var policy = data.Policy is { } name ? authorization.Value.GetPolicy(name) : null;
        var fromPolicy = policy?.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles) ?? [];
        var listed = data.Roles?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return fromPolicy.Concat(listed);
    }
}

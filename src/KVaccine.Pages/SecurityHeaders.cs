using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KVaccine.Pages;

/// <summary>
/// What a public health site sends with every answer: no script but its own files and none inline, never framed,
/// no sniffing of types, no address handed to another site. Swagger UI, a developer's page with inline script of
/// its own, keeps the rest but not the script policy.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger")
            ? "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
            : ContentSecurityPolicy;
        return next(http);
    });
}

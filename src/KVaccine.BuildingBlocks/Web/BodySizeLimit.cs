using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// Every request body of this API is a few hundred bytes; anything far larger is refused with 413 before it is
/// read. Kestrel enforces the same limit on bodies sent without a Content-Length.
/// </summary>
public static class BodySizeLimit
{
    public const long MaxBytes = 16 * 1024;

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength is not > MaxBytes)
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"A request body may have at most {MaxBytes} bytes.",
            },
        });
    });
}

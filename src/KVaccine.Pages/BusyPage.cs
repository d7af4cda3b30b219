using System.Globalization;
using System.Text.Encodings.Web;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Pages;

/// <summary>
/// A page refused by its rate budget: 429 with <c>Retry-After</c>, and a page that says many people are booking and
/// asks for the same address again by itself once the wait is over (a meta refresh: no script for the CSP to allow).
/// After a refused form post that address is the form's own page, so the citizen sends it again from there.
/// Written here, not by a Razor page, because the refusal is made before any page runs.
/// </summary>
internal sealed class BusyPage(IStringLocalizer<PageText> text, HtmlEncoder html) : IOverloadRefusal
{
    public bool Answers(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    public async Task WriteAsync(HttpContext http, int retryAfterSeconds)
    {
        var seconds = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var here = html.Encode($"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}");
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="{seconds};url={here}">
            <title>{html.Encode(text["Many people are booking right now"])} · {html.Encode(text["K-Vaccine"])}</title>
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            <header class="top"><a class="brand" href="/">{html.Encode(text["K-Vaccine"])}</a></header>
            <main id="main">
            <h1>{html.Encode(text["Many people are booking right now"])}</h1>
            <p class="notice busy" role="status">{html.Encode(text["This page tries again by itself in {0} seconds. There is no need to leave it.", seconds])}</p>
            <p><a class="button" href="{here}">{html.Encode(text["Try again now"])}</a></p>
            </main>
            </body>
            </html>
            """);
    }
}

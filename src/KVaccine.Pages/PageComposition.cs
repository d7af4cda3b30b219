using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace KVaccine.Pages;

/// <summary>
/// The web pages beside the REST API: Razor Pages from each module's assembly (a module's pages live with it), this
/// project's layout and styles, the two languages, and the headers a public health site sends.
/// </summary>
public static class PageComposition
{
    /// <summary>Korean first: the service is Korea's; English on request.</summary>
    public static readonly CultureInfo[] Cultures = [new("ko"), new("en")];

    public static IServiceCollection AddPages(this IServiceCollection services, IEnumerable<Assembly> modules)
    {
        services.AddLocalization();
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachedLocalizerFactory>();
        // Authenticated encryption in one primitive (the platform's AES-GCM) instead of AES-CBC with an HMAC: every
        // citizen's page opens the citizen's cookie (bench/README.md, the dates page).
        services.AddDataProtection().UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
        {
            EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
            ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
        });
        services.AddStaffCookie();
        services.AddSingleton<KVaccine.BuildingBlocks.Web.IOverloadRefusal, BusyPage>();
        // Hangul written as itself, not as character references: a third of the bytes, and readable source.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        var mvc = services.AddRazorPages().AddApplicationPart(typeof(PageComposition).Assembly);
        foreach (var assembly in modules) mvc.AddApplicationPart(assembly);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // The language switch's cookie alone: an API client's Accept-Language changes nothing.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Security headers on every answer; on a page's, its language. Before the routes, after routing.</summary>
    public static IApplicationBuilder UsePages(this IApplicationBuilder app)
    {
        app.UseSecurityHeaders();
        // HSTS only rides on HTTPS answers, so it matters where this host terminates TLS; never on a developer's localhost.
        if (!app.ApplicationServices.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().IsDevelopment()) app.UseHsts();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(PageComposition).Assembly, "KVaccine.Pages.wwwroot"),
            RequestPath = "/assets",
        });
        // The API answers in English as it always has; only pages speak the visitor's language.
        app.UseWhen(IsPage, page => page.UseRequestLocalization());
        return app;
    }

    private static bool IsPage(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// The host on a real port (Kestrel, not the test server), for a real browser: Debian's chromium driven by
/// Playwright. The log goes to a file, which a test reads for the RRN.
/// </summary>
public class BrowserApp : LoggedApp, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string Address { get; private set; } = "";

    /// <summary>Where the pages' screenshots go: the test output, beside the test assembly.</summary>
    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.Unavailable is not null) return;
        UseKestrel(0);
        StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        // A page's text may take longer than Playwright's 5 s to appear on a CI machine's two busy cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        // As root (CI) chromium needs --no-sandbox; it only ever opens this host's pages.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh browser profile (no cookies, no storage) at a phone's width unless told otherwise, in Korean as a Korean phone is.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 390, int height = 844) =>
        await Browser.NewContextAsync(new() { BaseURL = Address, ViewportSize = new() { Width = width, Height = height }, Locale = "ko-KR" });

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
    }
}

/// <summary>The browser's host where a delivery that fails once is a dead letter, for the operator's replay.</summary>
public sealed class DeadLetterBrowserApp : BrowserApp
{
    protected override void Configure(System.Text.Json.Nodes.JsonObject settings)
    {
        base.Configure(settings);
        settings["Outbox"]!["MaxAttempts"] = 1;
    }
}

/// <summary>The browser's host with a citizen's page budget small enough for a test to use it up: two requests a second per client.</summary>
public sealed class BusyBrowserApp : BrowserApp
{
    protected override void Configure(System.Text.Json.Nodes.JsonObject settings)
    {
        base.Configure(settings);
        settings["RateLimits"] = new System.Text.Json.Nodes.JsonObject { ["Booking"] = new System.Text.Json.Nodes.JsonObject { ["PerClientPerSecond"] = 2 } };
    }
}

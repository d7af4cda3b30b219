using System.Text.RegularExpressions;
using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>A citizen's page over its rate budget says many people are booking and recovers by itself, in a real browser.</summary>
[Collection(BrowserPages.Name)]
public sealed class OverloadPageTests(BusyBrowserApp app) : IClassFixture<BusyBrowserApp>
{
    [AccessibilityFact]
    public async Task A_page_over_its_budget_says_many_people_are_booking_and_comes_back_by_itself()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#UserName").FillAsync("배수지");
        await page.Locator("#UserRegNumber").FillAsync("940310-2705891");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ArriveAtAsync("**/appointments");

        // Faster than two a second, as a crowd of reloads is: the budget refuses one.
        IResponse? refused = null;
        for (var attempt = 0; attempt < 20 && refused is null; attempt++)
        {
            var answer = await page.GotoAsync("/appointments");
            if (answer!.Status == 429) refused = answer;
        }
        refused.Should().NotBeNull("the page's budget refuses reloads beyond two a second");
        var busy = await refused!.TextAsync();
        (await refused.HeaderValueAsync("retry-after")).Should().NotBeNullOrEmpty();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("지금 많은 분들이 예약하고 있습니다");
        await Assertions.Expect(page.Locator("p.busy")).ToContainTextAsync("자동으로 다시 시도합니다");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("ko");

        // Nobody presses anything: after Retry-After the page asks again, and is served.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("내 접종 현황", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("940310-2******");
        page.Url.Should().EndWith("/appointments");

        // The busy page as served, held still (without its refresh) long enough for axe-core and the screenshots.
        await using var still = await app.NewContextAsync();
        var copy = await still.NewPageAsync();
        await copy.RouteAsync("**/busy", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8",
            Body = Regex.Replace(busy, "<meta http-equiv=\"refresh\"[^>]*>", "") }));
        await copy.GotoAsync("/busy");
        await Assertions.Expect(copy.Locator("h1")).ToHaveTextAsync("지금 많은 분들이 예약하고 있습니다");
        await copy.ShouldBeAccessibleAsync("the busy page");
        await copy.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "citizen-busy-phone.png"), FullPage = true });
        await copy.SetViewportSizeAsync(1280, 900);
        await copy.ShouldBeAccessibleAsync("the busy page");
        await copy.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "citizen-busy-desktop.png"), FullPage = true });
    }
}

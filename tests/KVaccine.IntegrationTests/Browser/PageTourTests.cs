using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// Every page, at a phone's width and a desktop's, checked by axe-core (no serious or critical violation) and
/// photographed into the test output: the citizen's from signing in to a booked second dose, the staff's on the
/// booked day, the operator's. A class of its own: it moves its host's clock to the booked day.
/// </summary>
[Collection(BrowserPages.Name)]
public sealed class PageTourTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly (string Name, int Width, int Height)[] Widths = [("phone", 390, 844), ("desktop", 1280, 900)];

    private readonly List<string> _violations = [];
    private readonly List<string> _pages = [];

    /// <summary>Checks the page as it stands and photographs it; the violations of every page are told together at the end.</summary>
    private async Task VisitAsync(IPage page, string name, string width)
    {
        _pages.Add($"{name}-{width}");
        _violations.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{name}-{width} ({page.Url}): {v}"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"{name}-{width}.png"), FullPage = true });
    }

    [AccessibilityFact]
    public async Task Every_page_at_a_phone_and_a_desktop_width_has_no_serious_accessibility_violation()
    {
        var api = app.CreateApi();
        var citizens = new Dictionary<string, Citizen> { ["phone"] = new("김태연", "890309-2766101"), ["desktop"] = new("Taeyeon Kim", "890309-2766102") };
        foreach (var (width, w, h) in Widths)
        {
            await using var context = await app.NewContextAsync(w, h);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await VisitAsync(page, "citizen-sign-in", width);
            await page.Locator("#UserName").FillAsync(citizens[width].UserName);
            await page.Locator("#UserRegNumber").FillAsync("890399-2766876");
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#UserRegNumber-error")).ToBeVisibleAsync();
            await VisitAsync(page, "citizen-sign-in-refused", width);

            await page.Locator("#UserRegNumber").FillAsync(citizens[width].UserRegNumber);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.ArriveAtAsync("**/appointments");
            await VisitAsync(page, "citizen-appointments-empty", width);
            await page.GetByRole(AriaRole.Link, new() { Name = "접종 예약하기" }).ClickAsync();
            await page.ArriveAtAsync("**/book");
            await VisitAsync(page, "citizen-sites", width);
            await page.GetByRole(AriaRole.Link, new() { Name = "Busan Central Vaccination Centre" }).ClickAsync();
            await page.ArriveAtAsync("**/book?siteId=*");
            await VisitAsync(page, "citizen-dates", width);
            var date = page.Locator("ul.choices a").First;
            (await date.InnerTextAsync()).Should().StartWith($"{KVaccineApp.Tomorrow:yyyy-MM-dd}", "the first date offered is tomorrow");
            await date.ClickAsync();
            await page.ArriveAtAsync("**reserveDate=*");
            await VisitAsync(page, "citizen-slots", width);
            await page.Locator("input[name=SlotTime]").First.CheckAsync();
            await page.Locator("main form[method=post] button[type=submit]").ClickAsync();
            await page.ArriveAtAsync("**/appointments?done=*");
            await api.SettledAsync();
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("section.card")).ToHaveCountAsync(2);
            await VisitAsync(page, "citizen-appointments", width);
            await page.GetByRole(AriaRole.Link, new() { Name = "예약 날짜 변경" }).ClickAsync();
            await page.ArriveAtAsync("**doseNumber=2*");
            await VisitAsync(page, "citizen-move", width);
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await VisitAsync(page, "citizen-move-en", width);
        }

        // The booked day: the staff's pages with today's appointments, and the operator's.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var nurse = await app.NewStaffAsync("HospitalStaff", 2);
        var admin = await app.NewStaffAsync("Admin", null);
        foreach (var (width, w, h) in Widths)
        {
            await using var context = await app.NewContextAsync(w, h);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/staff/sign-in");
            await VisitAsync(page, "staff-sign-in", width);
            await page.SignInAsStaffAsync(nurse);
            await page.ArriveAtAsync("**/hospital");
            await Assertions.Expect(page.Locator("ul.bookings li")).ToHaveCountAsync(2);
            await VisitAsync(page, "hospital-day", width);
            await page.GetByRole(AriaRole.Link, new() { Name = "접종 기록" }).First.ClickAsync();
            await page.ArriveAtAsync("**/hospital/inject/*");
            await VisitAsync(page, "hospital-injection", width);
            await page.GotoAsync("/staff/accounts");
            await page.ArriveAtAsync("**/staff/denied*");
            await VisitAsync(page, "staff-denied", width);
            await page.GotoAsync("/dashboard");
            await VisitAsync(page, "dashboard", width);
            await page.GotoAsync("/dashboard/bookings");
            await VisitAsync(page, "dashboard-bookings", width);

            await using var admins = await app.NewContextAsync(w, h);
            var adminPage = await admins.NewPageAsync();
            await adminPage.SignInAsStaffAsync(admin);
            await adminPage.ArriveAtAsync("**/hospital");
            await adminPage.GotoAsync("/staff/accounts");
            await VisitAsync(adminPage, "staff-accounts", width);
            await adminPage.GotoAsync("/dashboard/deliveries");
            await VisitAsync(adminPage, "dashboard-deliveries", width);
            await adminPage.GotoAsync("/dashboard/stock");
            await VisitAsync(adminPage, "dashboard-stock", width);
        }

        _pages.Should().OnlyHaveUniqueItems().And.HaveCount(2 * 18);
        _violations.Should().BeEmpty("axe-core finds no serious or critical violation on any page");
    }
}

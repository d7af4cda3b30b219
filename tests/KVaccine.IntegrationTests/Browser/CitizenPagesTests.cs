using System.Text;
using System.Text.RegularExpressions;
using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// The citizen's pages in a real browser (Debian's chromium through Playwright), against the host on a real port:
/// the whole journey of a two-dose vaccine, a refusal shown in the page, the language switch, a booking by keyboard
/// alone, and, after the journey, no RRN anywhere the browser or the log could keep it.
/// </summary>
[Collection(BrowserPages.Name)]
public sealed class CitizenPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static int _next;

    /// <summary>A new citizen born on 9 March 1989 (37 on the dates booked): every site has a vaccine for them.</summary>
    private static Citizen NewCitizen(string name = "김태연") => new(name, $"890309-2{Interlocked.Increment(ref _next) + 766000:D6}");

    private static async Task SignInAsync(IPage page, Citizen citizen)
    {
        await page.GotoAsync("/");
        await page.Locator("#UserName").FillAsync(citizen.UserName);
        await page.Locator("#UserRegNumber").FillAsync(citizen.UserRegNumber);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    /// <summary>Books the site's first date with a place and its first slot with one, through the links and the form.</summary>
    private static async Task<string> BookFirstPlaceAsync(IPage page, string site)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = site }).ClickAsync();
        return await BookFirstDateAsync(page);
    }

    /// <summary>On a site's dates: the first with a place, then its first slot with one.</summary>
    private static async Task<string> BookFirstDateAsync(IPage page)
    {
        var date = page.Locator("ul.choices a").First;
        var chosen = (await date.InnerTextAsync())[..10];
        await date.ClickAsync();
        await page.Locator("input[name=SlotTime]").First.CheckAsync();
        await page.Locator("main form[method=post] button[type=submit]").ClickAsync();
        return chosen;
    }

    private static Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"{name}.png"), FullPage = true });

    [BrowserFact]
    public async Task A_citizen_books_both_doses_moves_and_cancels_the_second_and_no_RRN_is_left_anywhere()
    {
        var citizen = NewCitizen();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var seen = new StringBuilder();
        page.Request += (_, request) => seen.AppendLine(request.Url);
        // Asked for as they come and read at the end: awaiting Playwright inside its own event would hold its loop.
        var pageHeaders = new List<Task<Dictionary<string, string>>>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document") lock (pageHeaders) pageHeaders.Add(response.AllHeadersAsync());
        };

        await SignInAsync(page, citizen);
        await page.ArriveAtAsync("**/appointments");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("ko");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("아직 예약이 없습니다.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("890309-2******");

        await page.GetByRole(AriaRole.Link, new() { Name = "접종 예약하기" }).ClickAsync();
        var firstDate = await BookFirstPlaceAsync(page, "Busan Central Vaccination Centre");
        await page.ArriveAtAsync("**/appointments?done=*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(firstDate);

        // The hospital picks the vaccine, and User books the second dose itself: the page shows it once settled.
        await app.CreateApi().SettledAsync();
        await page.ReloadAsync();
        var second = page.Locator("section.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "2차 접종" }) });
        await Assertions.Expect(second).ToContainTextAsync("예약 확정");
        await Assertions.Expect(page.Locator("ul.notifications")).ToContainTextAsync($"{citizen.UserName}님, 예방접종이 예약되었습니다: Busan Central Vaccination Centre, {firstDate}");
        var api = app.CreateApi();
        var status = await Api.ReadAsync<StatusAnswer>(await api.StatusAsync(citizen), System.Net.HttpStatusCode.OK);
        status!.FirstDose.ReserveStatus.Should().Be("RESERVE");
        status.SecondDose!.ReserveStatus.Should().Be("RESERVE");

        // Moved to the first day of its interval (it was booked on the desired day, later).
        await second.GetByRole(AriaRole.Link, new() { Name = "예약 날짜 변경" }).ClickAsync();
        var movedTo = await BookFirstDateAsync(page);
        await page.ArriveAtAsync("**/appointments?done=*");
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("2차 접종 날짜가 변경되었습니다.");
        var afterMove = await Api.ReadAsync<StatusAnswer>(await api.StatusAsync(citizen), System.Net.HttpStatusCode.OK);
        afterMove!.SecondDose!.ReserveDate.ToString("yyyy-MM-dd").Should().Be(movedTo);
        movedTo.Should().Be(status.NextDose!.EarliestDate.ToString("yyyy-MM-dd"), "the interval's days are offered from its first");

        await second.GetByRole(AriaRole.Button, new() { Name = "이 예약 취소" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("예약이 취소되었습니다.");
        var afterCancel = await Api.ReadAsync<StatusAnswer>(await api.StatusAsync(citizen), System.Net.HttpStatusCode.OK);
        afterCancel!.SecondDose!.ReserveStatus.Should().Be("CANCEL");
        afterCancel.FirstDose.ReserveStatus.Should().Be("RESERVE");

        // Where a browser could keep it: every address asked for, the headers of every page, cookies, storage, the
        // page as it stands; and the host's log.
        foreach (var headers in await Task.WhenAll(pageHeaders.ToArray()))
        {
            seen.AppendLine(string.Join("\n", headers.Select(h => $"{h.Key}: {h.Value}")));
            headers.Should().ContainKey("cache-control").WhoseValue.Should().Contain("no-store", "a page with a citizen's data stays out of the browser's cache");
        }
        pageHeaders.Should().HaveCountGreaterThan(8, "every page of the journey was seen");
        seen.AppendLine(await page.ContentAsync());
        foreach (var cookie in await context.CookiesAsync()) seen.AppendLine($"{cookie.Name}={cookie.Value}");
        seen.AppendLine(await page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"));
        await Poll.UntilAsync(() => File.Exists(app.LogFile) && new FileInfo(app.LogFile).Length > 0, "the log has been written");
        using (var log = new FileStream(app.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            seen.AppendLine(await new StreamReader(log).ReadToEndAsync());
        var digits = citizen.UserRegNumber.Replace("-", "");
        seen.ToString().Should().NotContain(citizen.UserRegNumber).And.NotContain(digits).And.NotContain(digits[6..]);
    }

    [BrowserFact]
    public async Task Refusals_show_beside_the_field_or_at_the_top_in_the_page_language_and_the_RRN_is_not_written_back()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, new Citizen("김태연", "890399-2766876"));
        await Assertions.Expect(page.Locator("#UserRegNumber-error")).ToContainTextAsync("올바른 생년월일");
        (await page.Locator("#UserRegNumber").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await page.Locator("#UserRegNumber").InputValueAsync()).Should().BeEmpty("the number is never written back into a page");
        (await page.ContentAsync()).Should().NotContain("2766876");
        await Assertions.Expect(page.Locator("#UserName")).ToHaveValueAsync("김태연");

        // 26 years old: the Daegu site gives AstraZeneca and Janssen, both from 30.
        var young = new Citizen("이민준", $"000101-3{Interlocked.Increment(ref _next) + 100000:D6}");
        await SignInAsync(page, young);
        await page.ArriveAtAsync("**/appointments");
        await page.GetByRole(AriaRole.Link, new() { Name = "접종 예약하기" }).ClickAsync();
        await BookFirstPlaceAsync(page, "Daegu Vaccination Centre");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("이 접종기관에는 나이에 맞는 백신이 없습니다.");
        await ShootAsync(page, "citizen-refusal-phone");
        (await app.CreateApi().StatusAsync(young)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "nothing was written");

        // A refusal whose detail carries figures (the date and status of the booking held) reads in Korean with them.
        var booked = NewCitizen();
        await using var another = await app.NewContextAsync();
        page = await another.NewPageAsync();
        await SignInAsync(page, booked);
        await page.ArriveAtAsync("**/appointments");
        await page.GetByRole(AriaRole.Link, new() { Name = "접종 예약하기" }).ClickAsync();
        var held = await BookFirstPlaceAsync(page, "Busan Central Vaccination Centre");
        await page.ArriveAtAsync("**/appointments?done=*");
        await page.GotoAsync("/book");
        await BookFirstPlaceAsync(page, "Busan Central Vaccination Centre");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync($"이미 {held} 예약이 있습니다(");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("다른 날짜를 예약하려면 먼저 이 예약을 취소하세요.");
    }

    [BrowserFact]
    public async Task The_language_switch_turns_every_page_to_English_and_back()
    {
        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("예방접종 예약");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Book your vaccination");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        await SignInAsync(page, NewCitizen("Taeyeon Kim"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your vaccinations");
        // Booked in English, the citizen is written to in English, by the dispatcher's notifications too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Book an appointment" }).ClickAsync();
        await BookFirstPlaceAsync(page, "Busan Central Vaccination Centre");
        await page.ArriveAtAsync("**/appointments?done=*");
        await app.CreateApi().SettledAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("ul.notifications")).ToContainTextAsync("Taeyeon Kim, your vaccination is booked: Busan Central Vaccination Centre");
        await Assertions.Expect(page.Locator("ul.notifications")).ToContainTextAsync(new Regex("Taeyeon Kim, you will receive the [A-Za-z]+ vaccine"));

        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("내 접종 현황");
        page.Url.Should().EndWith("/appointments?done=booked", "the switch comes back to the page it was pressed on");
    }

    [BrowserFact]
    public async Task A_citizen_books_with_the_keyboard_alone()
    {
        var citizen = NewCitizen();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await TabToAsync(page, "#UserName");
        await page.Keyboard.TypeAsync(citizen.UserName);
        await TabToAsync(page, "#UserRegNumber");
        await page.Keyboard.TypeAsync(citizen.UserRegNumber);
        await page.Keyboard.PressAsync("Enter");
        await page.ArriveAtAsync("**/appointments");

        await TabToAsync(page, "a[href='/book']");
        await page.Keyboard.PressAsync("Enter");
        await page.ArriveAtAsync("**/book");
        await TabToAsync(page, "ul.choices a");
        await page.Keyboard.PressAsync("Enter");
        await page.ArriveAtAsync("**/book?siteId=*");
        await TabToAsync(page, "ul.choices a");
        await page.Keyboard.PressAsync("Enter");
        await page.ArriveAtAsync("**reserveDate=*");
        await TabToAsync(page, "input[name=SlotTime]");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "main form[method=post] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await page.ArriveAtAsync("**/appointments?done=*");
        await Assertions.Expect(page.Locator("section.card").First).ToContainTextAsync("1차 접종");
    }

    /// <summary>Presses Tab until the element focused matches the selector, as someone without a mouse would.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        throw new InvalidOperationException($"Tab never reached {selector}.");
    }

    [Fact]
    public void Every_word_of_the_pages_and_the_notifications_has_its_Korean()
    {
        const string NotificationText = "src/Modules/User/KVaccine.Modules.User/Notifications/NotificationText.ko.resx";
        var keys = new Regex(@"\b(?:T|t|text)\[""((?:[^""\\]|\\.)+)""");
        var missing = new List<string>();
        foreach (var (folder, resx) in new[] { ("src/KVaccine.Pages", "src/KVaccine.Pages/PageText.ko.resx"),
                     ("src/Modules/User/KVaccine.Modules.User/Pages", "src/Modules/User/KVaccine.Modules.User/Pages/CitizenText.ko.resx"),
                     ("src/Modules/Hospital/KVaccine.Modules.Hospital/Pages", "src/Modules/Hospital/KVaccine.Modules.Hospital/Pages/HospitalText.ko.resx"),
                     ("src/Modules/Dashboard/KVaccine.Modules.Dashboard/Pages", "src/Modules/Dashboard/KVaccine.Modules.Dashboard/Pages/DashboardText.ko.resx"),
                     ("src/Modules/User/KVaccine.Modules.User/Notifications", NotificationText), ("src/Modules/User/KVaccine.Modules.User/Integration", NotificationText),
                     ("src/Modules/User/KVaccine.Modules.User/Bookings", NotificationText),
                     ("src/Modules/Stock/KVaccine.Modules.Stock/Pages", "src/Modules/Stock/KVaccine.Modules.Stock/Pages/StockText.ko.resx") })
        {
            var korean = System.Xml.Linq.XDocument.Load(KVaccineApp.RepositoryFile(resx)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
            foreach (var file in Directory.EnumerateFiles(KVaccineApp.RepositoryFile(folder), "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cshtml") || f.EndsWith(".cs")))
                missing.AddRange(keys.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Where(k => !korean.Contains(k)).Select(k => $"{Path.GetFileName(file)}: {k}"));
        }
        missing.Should().BeEmpty();
    }
}

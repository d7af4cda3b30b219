using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// The hospital staff's pages in a real browser: sign-in, the lock after repeated wrong passwords shown in the page,
/// and the day's appointments at the member's own site, searched by name or masked RRN.
/// </summary>
[Collection(BrowserPages.Name)]
public sealed class StaffPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static int _next;

    [BrowserFact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_says_so_even_for_the_right_one()
    {
        var name = await app.NewStaffAsync("HospitalStaff", site: 1);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.SignInAsStaffAsync(name, "");
        await Assertions.Expect(page.Locator("#Password-error")).ToContainTextAsync("비밀번호를 입력하세요.");
        (await page.Locator("#Password").GetAttributeAsync("aria-invalid")).Should().Be("true");

        for (var wrong = 1; wrong <= 4; wrong++)
        {
            await page.SignInAsStaffAsync(name, $"wrong password {wrong}");
            await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("사용자 이름 또는 비밀번호가 틀렸습니다.");
            (await page.Locator("#Password").InputValueAsync()).Should().BeEmpty("a password is never written back into a page");
        }
        await page.SignInAsStaffAsync(name, "wrong password 5");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("비밀번호를 여러 번 틀려 계정이 잠겼습니다.");
        await page.SignInAsStaffAsync(name);
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("계정이 잠겼습니다");
        page.Url.Should().EndWith("/staff/sign-in");

        // The lock ends by itself after five minutes.
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await page.SignInAsStaffAsync(name);
        await page.ArriveAtAsync("**/hospital");
    }

    [BrowserFact]
    public async Task Staff_see_the_day_s_appointments_at_their_own_site_and_find_a_citizen_by_masked_RRN_or_name()
    {
        var api = app.CreateApi();
        var here = new Citizen("박서준", $"890309-1{Interlocked.Increment(ref _next) + 512000:D6}");
        await api.BookAsync(here, KVaccineApp.Tomorrow);
        await api.SettledAsync();
        var site = (await api.HospitalBookingsAsync(KVaccineApp.Tomorrow)).Single(r => r.UserName == here.UserName).SiteId;
        var elsewhere = new Citizen("최유나", $"750101-2{Interlocked.Increment(ref _next) + 512000:D6}");
        (await api.ReserveAtAsync(elsewhere, site == 1 ? 2 : 1, KVaccineApp.Tomorrow)).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        await api.SettledAsync();
        var name = await app.NewStaffAsync("HospitalStaff", site);

        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/hospital");
        await page.ArriveAtAsync("**/staff/sign-in?returnUrl=*");
        await page.SignInAsStaffAsync(name);
        await page.ArriveAtAsync("**/hospital");
        await page.GotoAsync($"/hospital?date={KVaccineApp.Tomorrow:yyyy-MM-dd}");

        var list = page.Locator("main");
        await Assertions.Expect(list).ToContainTextAsync("박서준");
        await Assertions.Expect(list).ToContainTextAsync("890309-1******");
        (await list.InnerTextAsync()).Should().NotContain(elsewhere.UserName, "staff see their own site's appointments only");

        // A full RRN typed into the search is cut to its masked part: it finds the citizen and is not shown again.
        await page.Locator("#Search").FillAsync(here.UserRegNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "검색" }).ClickAsync();
        await Assertions.Expect(list).ToContainTextAsync("박서준");
        (await page.Locator("#Search").InputValueAsync()).Should().Be("890309-1");
        (await page.ContentAsync()).Should().NotContain(here.UserRegNumber[8..]);
        page.Url.Should().NotContain(here.UserRegNumber[8..]);

        await page.Locator("#Search").FillAsync("없는사람");
        await page.GetByRole(AriaRole.Button, new() { Name = "검색" }).ClickAsync();
        await Assertions.Expect(list).ToContainTextAsync("이 날에는 예약이 없습니다.");

        await page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" }).ClickAsync();
        await page.ArriveAtAsync("**/staff/sign-in");
        await page.GotoAsync("/hospital");
        await page.ArriveAtAsync("**/staff/sign-in?returnUrl=*");
    }

    [BrowserFact]
    public async Task An_Admin_makes_an_account_with_refusals_beside_the_fields_and_lifts_its_lock()
    {
        var admin = await app.NewStaffAsync("Admin", site: null);
        var nurse = await app.NewStaffAsync("HospitalStaff", site: 1);
        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();

        // A member of staff is not shown the accounts, and is refused them by address.
        await page.SignInAsStaffAsync(nurse);
        await page.ArriveAtAsync("**/hospital");
        (await page.GetByRole(AriaRole.Link, new() { Name = "직원 계정" }).CountAsync()).Should().Be(0);
        (await page.GotoAsync("/staff/accounts"))!.Status.Should().Be(403);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" }).ClickAsync();
        await page.ArriveAtAsync("**/staff/sign-in");

        await page.SignInAsStaffAsync(admin);
        await page.ArriveAtAsync("**/hospital");
        await page.GetByRole(AriaRole.Link, new() { Name = "직원 계정" }).ClickAsync();
        await page.ArriveAtAsync("**/staff/accounts");

        var name = $"vaccinator.{Interlocked.Increment(ref _next)}";
        await page.Locator("#UserName").FillAsync(name);
        await page.Locator("#Password").FillAsync("too short");
        await page.Locator("#SiteId").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "계정 만들기" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Password-error")).ToContainTextAsync("비밀번호는 12~128자입니다.");
        (await page.Locator("#Password").InputValueAsync()).Should().BeEmpty("a password is never written back into a page");
        await Assertions.Expect(page.Locator("#UserName")).ToHaveValueAsync(name);
        await Assertions.Expect(page.Locator("#SiteId")).ToHaveValueAsync("2");

        await page.Locator("#Role").SelectOptionAsync("Admin");
        await page.Locator("#Password").FillAsync("a long enough phrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "계정 만들기" }).ClickAsync();
        await Assertions.Expect(page.Locator("#SiteId-error")).ToContainTextAsync("관리자는 모든 접종기관을 담당합니다.");

        await page.Locator("#Role").SelectOptionAsync("HospitalStaff");
        await page.Locator("#Password").FillAsync("a long enough phrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "계정 만들기" }).ClickAsync();
        await page.ArriveAtAsync("**/staff/accounts?done=created");
        var row = page.Locator("table.accounts tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("접종기관 직원");
        await Assertions.Expect(row).ToContainTextAsync("—");

        // The new member locks their account; the Admin sees it and lifts the lock.
        await using var theirs = await app.NewContextAsync();
        var their = await theirs.NewPageAsync();
        for (var wrong = 1; wrong <= 5; wrong++)
        {
            await their.SignInAsStaffAsync(name, $"wrong password {wrong}");
            await Assertions.Expect(their.Locator("#problems")).ToBeVisibleAsync();
        }
        await page.ReloadAsync();
        await Assertions.Expect(row).ToContainTextAsync("잠김");
        await row.GetByRole(AriaRole.Button, new() { Name = $"{name} 잠금 해제" }).ClickAsync();
        await page.ArriveAtAsync("**/staff/accounts?done=unlocked");
        await Assertions.Expect(row).Not.ToContainTextAsync("잠김");

        await their.SignInAsStaffAsync(name, "a long enough phrase");
        await their.ArriveAtAsync("**/hospital");
        await Assertions.Expect(their.Locator("main")).ToContainTextAsync("Busan Central Vaccination Centre"); // the site the account was made for
    }
}

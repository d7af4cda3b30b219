using System.Net;
using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// Recording an injection from the day's list, with its confirmation, in a real browser. A class of its own: it
/// moves its host's clock to the booked day.
/// </summary>
[Collection(BrowserPages.Name)]
public sealed class InjectionPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task Staff_record_an_injection_after_confirming_it_and_the_list_and_the_citizen_s_record_show_it()
    {
        var api = app.CreateApi();
        var citizen = new Citizen("한지민", "820417-2734519");
        await api.BookAsync(citizen, KVaccineApp.Tomorrow);
        await api.SettledAsync();
        var booking = (await api.HospitalBookingsAsync(KVaccineApp.Tomorrow)).Single(r => r.UserName == citizen.UserName);
        var nurse = await app.NewStaffAsync("HospitalStaff", booking.SiteId);
        var elsewhere = await app.NewStaffAsync("HospitalStaff", booking.SiteId == 1 ? 2 : 1);

        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.SignInAsStaffAsync(nurse);
        await page.ArriveAtAsync("**/hospital");
        await page.GotoAsync($"/hospital?date={KVaccineApp.Tomorrow:yyyy-MM-dd}");
        var row = page.Locator("ul.bookings li", new() { HasText = citizen.UserName });
        await Assertions.Expect(row).ToContainTextAsync("예약 확정");
        (await row.GetByRole(AriaRole.Link, new() { Name = "접종 기록" }).CountAsync()).Should().Be(0, "an injection is recorded on the booked day, not before");

        // The next morning: yesterday's sign-in has lapsed.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await page.GotoAsync("/hospital");
        await page.ArriveAtAsync("**/staff/sign-in?returnUrl=*");
        await page.SignInAsStaffAsync(nurse);
        await page.ArriveAtAsync("**/hospital");
        await row.GetByRole(AriaRole.Link, new() { Name = "접종 기록" }).ClickAsync();
        await page.ArriveAtAsync($"**/hospital/inject/{booking.BookingId}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("820417-2******");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(booking.VaccineType!);
        (await api.StatusOfAsync(citizen)).FirstDose.ReserveStatus.Should().Be("RESERVE", "nothing is recorded before the confirmation");

        await page.GetByRole(AriaRole.Button, new() { Name = "접종 완료로 기록" }).ClickAsync();
        await page.ArriveAtAsync("**/hospital?done=*");
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("접종이");
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return (await row.InnerTextAsync()).Contains("접종 완료");
        }, "the day's list shows the injection");
        (await row.GetByRole(AriaRole.Link, new() { Name = "접종 기록" }).CountAsync()).Should().Be(0, "an injection is recorded once");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "hospital-day-injected-desktop.png"), FullPage = true });
        await api.SettledAsync();
        var status = await api.StatusOfAsync(citizen);
        status.FirstDose.ReserveStatus.Should().Be("INJECT");
        status.FirstDose.InjectDate.Should().Be(KVaccineApp.Tomorrow);

        // Staff of another site can neither see the appointment nor record it by its address.
        await using var other = await app.NewContextAsync(width: 1280, height: 900);
        var theirs = await other.NewPageAsync();
        await theirs.SignInAsStaffAsync(elsewhere);
        await theirs.ArriveAtAsync("**/hospital");
        var answer = await theirs.GotoAsync($"/hospital/inject/{booking.BookingId}");
        answer!.Status.Should().Be(404);
        await Assertions.Expect(theirs.Locator("#problems")).ToContainTextAsync("오늘 이 접종기관에 이 번호의 예약이 없습니다.");
        (await theirs.GetByRole(AriaRole.Button, new() { Name = "접종 완료로 기록" }).CountAsync()).Should().Be(0);
    }
}

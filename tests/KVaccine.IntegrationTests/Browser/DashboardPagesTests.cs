using System.Net;
using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>The operators' dashboard in a real browser: the counts as the API gives them, the chart of days, the paged list.</summary>
[Collection(BrowserPages.Name)]
public sealed class DashboardPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task An_operator_sees_bookings_by_status_type_site_and_day_and_pages_through_them()
    {
        var api = app.CreateApi();
        var dayAfter = KVaccineApp.Tomorrow.AddDays(2);
        (await api.ReserveAtAsync(new Citizen("윤서연", "880512-2301456"), 1, KVaccineApp.Tomorrow)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.ReserveAtAsync(new Citizen("강도윤", "790823-1402567"), 1, KVaccineApp.Tomorrow)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.ReserveAtAsync(new Citizen("임하은", "910130-2503678"), 2, dayAfter)).StatusCode.Should().Be(HttpStatusCode.Created);
        await api.SettledAsync();
        var summary = await api.SummaryAsync();
        var admin = await app.NewStaffAsync("Admin", site: null);

        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.SignInAsStaffAsync(admin);
        await page.ArriveAtAsync("**/hospital");
        await page.GetByRole(AriaRole.Link, new() { Name = "대시보드" }).ClickAsync();
        await page.ArriveAtAsync("**/dashboard");

        var byStatus = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "상태별 예약" }) });
        await Assertions.Expect(byStatus.Locator("li").First).ToContainTextAsync($"{summary.Total}");
        await Assertions.Expect(byStatus.Locator("li.status-RESERVE")).ToContainTextAsync($"{summary.ByStatus["RESERVE"]}");
        // Second doses are booked with the first, weeks later: the chart runs to the last of them.
        var days = (await api.DashboardAsync()).Where(r => r.ReserveStatus is "RESERVE" or "PENDING" or "INJECT")
            .GroupBy(r => r.ReserveDate).ToDictionary(g => g.Key, g => g.Count());
        var (first, last) = (days.Keys.Min(), days.Keys.Max());
        first.Should().Be(KVaccineApp.Tomorrow);
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "날짜별 예약" });
        var bars = chart.Locator("rect.bar");
        (await bars.CountAsync()).Should().Be(last.DayNumber - first.DayNumber + 1, "a bar a day from the first booked day to the last, empty days included");
        (await bars.Nth(1).GetAttributeAsync("height")).Should().Be("0", "nothing is booked on the day after tomorrow's first");
        (await bars.Nth(2).GetAttributeAsync("height")).Should().NotBe("0");
        await Assertions.Expect(page.Locator("#by-day ~ p.hint")).ToContainTextAsync($"{first:yyyy-MM-dd}부터 {last:yyyy-MM-dd}까지. 가장 많은 날은 {days.Values.Max()}건입니다.");
        foreach (var (type, count) in summary.ByVaccineType)
            await Assertions.Expect(page.Locator("section tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = type, Exact = true }) })).ToContainTextAsync($"{count}");
        var site = summary.BySite!.Single(s => s.SiteId == 1);
        await Assertions.Expect(page.Locator("table.sites tr", new() { HasText = site.SiteName! })).ToContainTextAsync($"{site.Total}");
        await page.SetViewportSizeAsync(390, 844);

        // Two bookings a page, by booking id, to the last page, which has no link onwards: the same list as the API's.
        var listed = (await api.DashboardAsync()).Select(r => r.BookingId).ToList();
        await page.GotoAsync("/dashboard/bookings?limit=2");
        var rows = page.Locator("table.bookings-table tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("윤서연");
        await Assertions.Expect(rows.First).ToContainTextAsync("880512-2******");
        var paged = new List<long>();
        while (true)
        {
            var ids = (await rows.Locator("td:first-child").AllInnerTextsAsync()).Select(long.Parse).ToList();
            ids.Should().HaveCountLessThanOrEqualTo(2).And.NotBeEmpty();
            paged.AddRange(ids);
            var next = page.GetByRole(AriaRole.Link, new() { Name = "다음 페이지" });
            if (await next.CountAsync() == 0) break;
            await next.ClickAsync();
            await page.ArriveAtAsync($"**/dashboard/bookings?after={paged[^1]}&limit=2");
        }
        paged.Should().Equal(listed);
        (await page.ContentAsync()).Should().NotContain("2301456").And.NotContain("2503678");

        var refused = await page.GotoAsync("/dashboard/bookings?vaccineType=Sputnik");
        refused!.Status.Should().Be(400);
        await Assertions.Expect(page.Locator("#VaccineType-error")).ToContainTextAsync("Unknown vaccine type");
        refused = await page.GotoAsync("/dashboard/bookings?limit=5000");
        refused!.Status.Should().Be(400);
        await Assertions.Expect(page.Locator("#paging-problems")).ToContainTextAsync("한 페이지에는 1~1000건을 표시합니다.");
    }
}

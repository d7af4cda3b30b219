using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>The browser's host where AstraZeneca starts with 50 doses, under the low mark of 100, and the others with 1,000.</summary>
public sealed class LowStockBrowserApp : BrowserApp
{
    protected override void Configure(JsonObject settings)
    {
        base.Configure(settings);
        settings["Stock"]!["Initial"]!["AstraZeneca"] = 50;
        settings["Stock"]!["LowMark"] = 100;
    }
}

/// <summary>The stock per vaccine type with its low mark, for an Admin, in a real browser; as <c>GET /stock</c> answers it.</summary>
[Collection(BrowserPages.Name)]
public sealed class StockPageTests(LowStockBrowserApp app) : IClassFixture<LowStockBrowserApp>
{
    [BrowserFact]
    public async Task An_Admin_sees_the_doses_of_every_vaccine_type_and_which_are_at_or_under_the_low_mark()
    {
        var api = app.CreateApi();
        (await api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "Janssen", quantity = 250 })).EnsureSuccessStatusCode();
        var levels = await api.StockAsync();
        levels.Should().ContainSingle(l => l.Low).Which.Should().Be(new StockLevel("AstraZeneca", 50, true), "50 doses are under the mark of 100; 1,000 are not");
        var admin = await app.NewStaffAsync("Admin", site: null);

        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.SignInAsStaffAsync(admin);
        await page.ArriveAtAsync("**/hospital");
        await page.GetByRole(AriaRole.Link, new() { Name = "백신 재고" }).ClickAsync();
        await page.ArriveAtAsync("**/dashboard/stock");
        await Assertions.Expect(page.Locator("p.problems")).ToHaveTextAsync("재고 부족: AstraZeneca. 예약이 거절되기 전에 추가로 주문하세요.");

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "백신별 재고" });
        await Assertions.Expect(chart.Locator("rect.bar")).ToHaveCountAsync(levels.Count);
        await Assertions.Expect(chart.Locator("rect.bar.low")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("rect.bar.low title")).ToHaveTextAsync("AstraZeneca: 50");
        // Janssen's 1,250 is the longest bar; the mark at 100 stands at 100/1250 of it.
        var widths = new Dictionary<string, double>();
        foreach (var level in levels)
            widths[level.VaccineType] = double.Parse((await chart.Locator("rect.bar", new() { Has = page.Locator($"title:text-is('{level.VaccineType}: {level.Count}')") }).GetAttributeAsync("width"))!);
        widths["Janssen"].Should().Be(widths.Values.Max());
        var markX = double.Parse((await chart.Locator("line.mark").GetAttributeAsync("x1"))!) - double.Parse((await chart.Locator("rect.bar").First.GetAttributeAsync("x"))!);
        markX.Should().BeApproximately(widths["Janssen"] * 100 / 1250, 1);

        await page.GetByText("표로 보기").ClickAsync();
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(levels.Count);
        foreach (var level in levels)
            await Assertions.Expect(rows.Filter(new() { HasText = level.VaccineType })).ToContainTextAsync($"{level.Count}");
        await Assertions.Expect(page.Locator("tr.low")).ToContainTextAsync("AstraZeneca");

        // Doses received lift it over the mark.
        (await api.Http.PostAsJsonAsync("/stock/receipts", new { vaccineType = "AstraZeneca", quantity = 100 })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(chart.Locator("rect.bar.low")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("p.problems")).ToHaveCountAsync(0);

        // A member of staff is not shown the stock, as the API's /stock is for Admins.
        var nurse = await app.NewStaffAsync("HospitalStaff", 1);
        await using var theirs = await app.NewContextAsync(width: 1280, height: 900);
        var staffPage = await theirs.NewPageAsync();
        await staffPage.SignInAsStaffAsync(nurse);
        await staffPage.ArriveAtAsync("**/hospital");
        (await staffPage.GetByRole(AriaRole.Link, new() { Name = "백신 재고" }).CountAsync()).Should().Be(0);
        (await staffPage.GotoAsync("/dashboard/stock"))!.Status.Should().Be(403);
    }
}

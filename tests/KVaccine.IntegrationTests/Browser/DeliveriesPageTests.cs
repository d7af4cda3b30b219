using System.Net;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>An operator finds a dead letter on the deliveries page, replays it and sees the backlog drain, in a real browser.</summary>
[Collection(BrowserPages.Name)]
public sealed class DeliveriesPageTests(DeadLetterBrowserApp app) : IClassFixture<DeadLetterBrowserApp>
{
    [BrowserFact]
    public async Task An_operator_replays_a_dead_letter_and_sees_the_backlog_drain_and_the_booking_counted()
    {
        var api = app.CreateApi();
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        app.EditSettings(s => s["FaultInjection"] = new JsonObject { ["Consumer"] = "Dashboard", ["EventType"] = "BookingStatusChanged" });
        await Poll.UntilAsync(() => configuration["FaultInjection:Consumer"] == "Dashboard", "the fault is switched on");
        (await api.ReserveAtAsync(new Citizen("오지호", "850611-1603789"), 2, KVaccineApp.Tomorrow)).StatusCode.Should().Be(HttpStatusCode.Created);
        await Poll.UntilAsync(async () => JsonNode.Parse(await api.Http.GetStringAsync("/admin/outbox"))!["deadLetters"]!.AsArray().Count > 0,
            "the Dashboard's delivery is dead-lettered");
        var admin = await app.NewStaffAsync("Admin", site: null);

        await using var context = await app.NewContextAsync(width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.SignInAsStaffAsync(admin);
        await page.ArriveAtAsync("**/hospital");
        await page.GotoAsync("/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "모듈 간 전달" }).ClickAsync();
        await page.ArriveAtAsync("**/dashboard/deliveries");
        var dashboard = page.Locator("table.consumers tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Dashboard" }) });
        (await dashboard.Locator("td").Nth(3).InnerTextAsync()).Should().NotBe("0", "the Dashboard's dead letters are counted");
        var letters = page.Locator("#dead-letters ~ ul li");
        await Assertions.Expect(letters.First).ToContainTextAsync("Injected fault");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "dashboard-deliveries-dead-letters-desktop.png"), FullPage = true });
        (await page.ContentAsync()).Should().NotContain("1603789");

        // The fault mended, every dead letter is replayed from the page, and the Dashboard catches up.
        app.EditSettings(s => s.Remove("FaultInjection"));
        await Poll.UntilAsync(() => configuration["FaultInjection:Consumer"] is null, "the fault is switched off");
        while (await letters.CountAsync() > 0)
        {
            await letters.First.GetByRole(AriaRole.Button, new() { Name = "다시 보내기" }).ClickAsync();
            await page.ArriveAtAsync("**/dashboard/deliveries?done=replayed");
            await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("다시 보냈습니다");
        }
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            var cells = await dashboard.Locator("td").AllInnerTextsAsync();
            return cells[1] == "0" && cells[3] == "0"; // backlog, dead letters
        }, "the Dashboard's backlog drains and no dead letter is left");
        await Assertions.Expect(page.Locator("#dead-letters ~ p")).ToContainTextAsync("없음");

        await page.GotoAsync("/dashboard");
        var byStatus = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "상태별 예약" }) });
        await Assertions.Expect(byStatus.Locator("li").First).ToContainTextAsync($"{(await api.SummaryAsync()).Total}");
        (await api.DashboardAsync()).Should().Contain(r => r.MaskedRegNumber == "850611-1******", "the replayed delivery reached the dashboard");
    }
}

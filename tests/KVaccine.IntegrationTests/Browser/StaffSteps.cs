using KVaccine.BuildingBlocks.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>What staff tests do before they test anything: an account, and signing in with it.</summary>
public static class StaffSteps
{
    public const string Password = "correct horse battery";

    private static int _next;

    /// <summary>An account made as an operator makes one: the host's <c>staff</c> command, the password on its input.</summary>
    public static async Task<string> NewStaffAsync(this BrowserApp app, string role, int? site)
    {
        var name = $"nurse.{Interlocked.Increment(ref _next)}";
        var command = app.Services.GetServices<IHostCommand>().Single(c => c.Name == "staff");
        string[] args = site is { } id ? ["staff", "--user", name, "--role", role, "--site", $"{id}"] : ["staff", "--user", name, "--role", role];
        var error = new StringWriter();
        (await command.RunAsync(args, app.Services, new StringReader(Password + "\n"), TextWriter.Null, error, CancellationToken.None)).Should().Be(0, error.ToString());
        return name;
    }

    public static async Task SignInAsStaffAsync(this IPage page, string name, string password = Password)
    {
        await page.GotoAsync("/staff/sign-in");
        await page.Locator("#UserName").FillAsync(name);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// The browser tests run one class at a time: two hosts and two chromiums side by side on a CI machine's two cores,
/// beside the other integration tests, make every wait longer for nothing.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserPages
{
    public const string Name = "browser pages";
}

public static class PageArrival
{
    /// <summary>
    /// Waits until the page's address matches the glob (<c>**</c> any text, <c>*</c> any text without a slash). It
    /// polls the address: Playwright's <c>WaitForURLAsync</c> can miss a load event that fires while it subscribes
    /// (microsoft/playwright-dotnet#3364) and then times out on a page long loaded, which it did here under load.
    /// If the page never arrives, the failure says where it stands and what it shows.
    /// </summary>
    public static async Task ArriveAtAsync(this IPage page, string glob)
    {
        var url = new Regex(Regex.Escape(glob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$");
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException notThere)
        {
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new TimeoutException($"The page never reached {glob}: it stands at {page.Url} and shows:\n{shown}", notThere);
        }
    }
}

using System.Text.Json;
using KVaccine.TestSupport;
using Microsoft.Playwright;

namespace KVaccine.IntegrationTests.Browser;

/// <summary>
/// axe-core, Deque's accessibility rules, from the npm registry (<c>npm ci</c> in this test project, which .ci/run
/// does), run inside a page as it stands.
/// </summary>
public static class Axe
{
    public static string Script => KVaccineApp.RepositoryFile("tests/KVaccine.IntegrationTests/node_modules/axe-core/axe.min.js");

    /// <summary>Why the accessibility tests cannot run here, or null.</summary>
    public static string? Unavailable => Chromium.Unavailable ?? (File.Exists(Script) ? null
        : "no axe-core in tests/KVaccine.IntegrationTests/node_modules: run `npm ci --prefix tests/KVaccine.IntegrationTests`. .ci/run does.");

    /// <summary>
    /// The serious and critical violations on the page, one line each with the elements they were found on.
    /// The script goes in through the browser's devtools protocol, which the page's Content-Security-Policy does not
    /// govern, so the page is checked with its own headers in force.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(await File.ReadAllTextAsync(Script) + "\n;undefined");
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>Asserts the page has no serious or critical violation, naming the page in the failure.</summary>
    public static async Task ShouldBeAccessibleAsync(this IPage page, string name)
    {
        var violations = await SeriousViolationsAsync(page);
        violations.Should().BeEmpty($"axe-core finds nothing serious on {name} ({page.Url})");
    }
}

/// <summary>A test in a real browser with axe-core; skipped, saying why, where either is missing. .ci/run fails on any skipped test.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AccessibilityFactAttribute : FactAttribute
{
    public AccessibilityFactAttribute()
    {
        if (Axe.Unavailable is { } why) Skip = $"Skipped: {why}";
    }
}

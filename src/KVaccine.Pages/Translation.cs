using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace KVaccine.Pages;

/// <summary>
/// A use case's message in the page's language. The use cases speak English with their figures written in (a date,
/// a site, a status); a page's resources hold the English with <c>{0}</c>, <c>{1}</c>… where the figures go, so a
/// message is found by its own key or by the key it fits, and its figures carried into the translation.
/// </summary>
public static class Translation
{
    private sealed record Template(Regex English, int[] Figures, string Key);

    private static readonly ConcurrentDictionary<(Type, string), Template[]> Templates = new();

    public static string Say(this IStringLocalizer text, string message)
    {
        var exact = text[message];
        if (!exact.ResourceNotFound) return exact.Value;
        foreach (var template in TemplatesOf(text))
        {
            if (template.English.Match(message) is not { Success: true } fit) continue;
            var figures = new object[template.Figures.Max() + 1];
            for (var i = 0; i < template.Figures.Length; i++) figures[template.Figures[i]] = fit.Groups[i + 1].Value;
            return string.Format(CultureInfo.CurrentCulture, text[template.Key].Value, figures);
        }
        return message;
    }

    /// <summary>The keys with figures of this localizer in the page's culture, each as a pattern over the English (none in English itself).</summary>
    private static Template[] TemplatesOf(IStringLocalizer text) => Templates.GetOrAdd((text.GetType(), CultureInfo.CurrentUICulture.Name), _ =>
    {
        IEnumerable<LocalizedString> all;
        try
        {
            all = text.GetAllStrings(includeParentCultures: false).ToList();
        }
        catch (MissingManifestResourceException)
        {
            return [];
        }
        return all.Where(s => Regex.IsMatch(s.Name, @"\{\d+\}")).Select(s =>
        {
            var figures = Regex.Matches(s.Name, @"\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
            var pattern = "^" + Regex.Replace(Regex.Escape(s.Name), @"\\\{\d+\\?\}", "(.+?)") + "$";
            return new Template(new Regex(pattern, RegexOptions.CultureInvariant), figures, s.Name);
        }).ToArray();
    });
}

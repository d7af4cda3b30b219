using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Formatting;

namespace KVaccine.Host;

/// <summary>
/// The last line of defence for citizens' RRNs: whatever a log event renders to (a message, a property, a request
/// body someone logged, an exception), anything shaped like an RRN is masked before it reaches a sink. Code never
/// logs an RRN on purpose; this catches the mistake.
/// </summary>
public sealed partial class RrnMaskingFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var rendered = new StringWriter();
        inner.Format(logEvent, rendered);
        output.Write(Mask(rendered.ToString()));
    }

    /// <summary>890309-2766876 and 8903092766876 both become 890309-2******.</summary>
    public static string Mask(string text) => RrnShape().Replace(text, m => $"{m.Groups[1].Value}-{m.Groups[2].Value}******");

    [GeneratedRegex(@"(?<!\d)(\d{6})[-\s]?(\d)\d{6}(?!\d)")]
    private static partial Regex RrnShape();
}

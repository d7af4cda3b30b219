using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Formatting;

namespace KVaccine.Host;

/// <summary>
/// The last line of defence of the logs. Anything shaped like an RRN is masked, whatever a log event renders to (a
/// message, a property, a request body someone logged, an exception): code never logs an RRN on purpose, this
/// catches the mistake. And an event is one line: a line break in something a client sent (a path, a header) would
/// otherwise start a line that looks like an event of its own. The trace id, when there is one, ends the line as it
/// is: 32 hex digits, which hold a run of 13 decimal ones often enough (one trace in 25) that masking them would cut
/// that trace's lines off from the rest.
/// </summary>
public sealed partial class SafeLogLines(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var rendered = new StringWriter();
        inner.Format(logEvent, rendered);
        output.Write(OneLine(Mask(rendered.ToString())));
        if (logEvent.TraceId is { } traceId)
        {
            output.Write(' ');
            output.Write(traceId.ToHexString());
        }
        output.Write('\n');
    }

    /// <summary>890309-2766876 and 8903092766876 both become 890309-2******.</summary>
    public static string Mask(string text) => RrnShape().Replace(text, m => $"{m.Groups[1].Value}-{m.Groups[2].Value}******");

    /// <summary>Every line break (CR, LF, NEL, the Unicode line and paragraph separators) written as an escape, so one event is one line.</summary>
    public static string OneLine(string text) => LineBreak().Replace(text.TrimEnd(), m => m.Value switch
    {
        "\r\n" or "\n" => @"\n",
        "\r" => @"\r",
        var other => $@"\u{(int)other[0]:X4}",
    });

    [GeneratedRegex(@"(?<!\d)(\d{6})[-\s]?(\d)\d{6}(?!\d)")]
    private static partial Regex RrnShape();

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029\u000B\u000C]")]
    private static partial Regex LineBreak();
}

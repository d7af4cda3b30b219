using System.Diagnostics;
using KVaccine.Host;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace KVaccine.IntegrationTests;

/// <summary>Whatever a client sends, a log event is one line, with no RRN in it.</summary>
public sealed class LogLineTests
{
    private static string Render(string message, Exception? exception = null, ActivityTraceId? traceId = null)
    {
        var formatter = new SafeLogLines(new MessageTemplateTextFormatter("[{Level:u3}] {Message:lj} {Exception}"));
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, exception,
            new MessageTemplateParser().Parse("Asked for {Path}"), [new LogEventProperty("Path", new ScalarValue(message))], traceId ?? default, default);
        using var output = new StringWriter();
        formatter.Format(logEvent, output);
        return output.ToString();
    }

    [Theory]
    [InlineData("/a\n[ERR] forged")]
    [InlineData("/a\r\n[ERR] forged")]
    [InlineData("/a\r[ERR] forged")]
    [InlineData("/a\u2028[ERR] forged")]
    [InlineData("/a\u2029[ERR] forged")]
    [InlineData("/a\u0085[ERR] forged")]
    public void A_line_break_in_what_a_client_sent_cannot_start_a_line_of_its_own(string path)
    {
        var line = Render(path);
        line.Should().EndWith("\n").And.StartWith("[INF] Asked for /a");
        line.TrimEnd('\n').Should().NotContainAny("\n", "\r", "\u2028", "\u2029", "\u0085").And.Contain("[ERR] forged");
    }

    [Fact]
    public void An_exception_and_an_RRN_in_it_stay_on_the_event_s_line_masked()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("bad 890309-2766876\nsecond line");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }
        var line = Render("/b", thrown);
        line.TrimEnd('\n').Should().NotContain("\n").And.Contain("890309-2******").And.NotContain("2766876").And.Contain("second line");
    }

    [Fact]
    public void The_trace_id_ends_the_line_whole_even_where_it_holds_a_run_of_thirteen_digits()
    {
        // A CI run's trace id whose 13 digits were once masked, which cut its log lines off from its trace.
        var traceId = ActivityTraceId.CreateFromString("d846cdd6955613282153a5a98710e8e2");

        var line = Render("/c 890309-2766876", traceId: traceId);

        line.Should().EndWith(" d846cdd6955613282153a5a98710e8e2\n").And.Contain("/c 890309-2******").And.NotContain("2766876");
    }
}

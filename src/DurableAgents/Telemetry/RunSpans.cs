using System.Diagnostics;
using System.Text.Json;

namespace DurableAgents.Telemetry;

/// <summary>
/// The spans of a run, on <see cref="AgentTelemetryNames.ActivitySource"/>. Durable Task's in-process route carries no trace
/// context, so a run carries its own: the W3C traceparent of its start span, in its input, handed to every activity and sub-run.
/// </summary>
internal static partial class RunSpans
{
    internal static readonly ActivitySource Source = new(AgentTelemetryNames.ActivitySource, typeof(RunSpans).Assembly.GetName().Version?.ToString());

    /// <summary>The span of a run's start (<c>invoke_agent {agent}</c>), a child of the caller's span (an HTTP request, a queue poll).</summary>
    public static Activity? StartRun(string agent, string? runId, string goal, bool sensitive)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity($"invoke_agent {agent}", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(SpanTags.OperationName, "invoke_agent");
            span.SetTag(SpanTags.AgentName, agent);
            span.SetTag(SpanTags.RunId, runId);
            if (sensitive)
            {
                span.SetTag(SpanTags.InputMessages, UserMessage(goal));
            }
        }

        return span;
    }

    /// <summary>
    /// The trace parent a run carries: its start span; else the caller's span; else a new trace, marked sampled so that a worker
    /// that traces records the run's spans as one trace even when the starter does not trace.
    /// </summary>
    public static string TraceParentFor(Activity? start)
    {
        if ((start ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } span)
        {
            return Format(span.TraceId, span.SpanId, span.ActivityTraceFlags);
        }

        return Format(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
    }

    /// <summary>The carried parent, or default when there is none (or it does not parse).</summary>
    public static ActivityContext ParentOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent) ? parent : default;

    /// <summary>Marks a span failed with the exception's type (its message may hold content, so it is left out).</summary>
    public static void Fail(this Activity? span, Exception exception)
    {
        if (span is null)
        {
            return;
        }

        span.SetStatus(ActivityStatusCode.Error);
        span.SetTag(SpanTags.ErrorType, exception.GetType().FullName);
    }

    private static string Format(ActivityTraceId trace, ActivitySpanId span, ActivityTraceFlags flags) =>
        $"00-{trace.ToHexString()}-{span.ToHexString()}-{((int)flags & 1):x2}";

    private static string UserMessage(string text) => JsonSerializer.Serialize(
        new[] { new { role = "user", parts = new[] { new { type = "text", content = text } } } });
}

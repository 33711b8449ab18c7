using System.Diagnostics;

namespace DurableAgents.Telemetry;

/// <summary>Spans inside durable activities: the activity itself, and the tool call it runs.</summary>
internal static partial class RunSpans
{
    /// <summary>
    /// The span of a durable activity (<c>activity:{name}</c>, as the Durable Task SDK names its own), parented on the run's trace.
    /// Null when the runtime already opened one in the run's trace (Durable Functions does): the model and tool spans nest there.
    /// </summary>
    public static Activity? StartActivity(string activityName, string? traceParent, string instanceId, string agent, int step)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = ParentOf(traceParent);
        if (parent != default && Activity.Current is { } ambient && ambient.TraceId == parent.TraceId)
        {
            return null;
        }

        var span = Source.StartActivity($"activity:{activityName}", ActivityKind.Server, parent);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(SpanTags.TaskType, "activity");
            span.SetTag(SpanTags.TaskName, activityName);
            span.SetTag(SpanTags.TaskInstanceId, instanceId);
            span.SetTag(SpanTags.AgentName, agent);
            span.SetTag(SpanTags.RunStep, step);
        }

        return span;
    }

    /// <summary>The GenAI <c>execute_tool {tool}</c> span; the arguments only when sensitive data is on.</summary>
    public static Activity? StartTool(string tool, string callId, string? description, string? arguments)
    {
        var span = Source.HasListeners() ? Source.StartActivity($"execute_tool {tool}", ActivityKind.Internal) : null;
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(SpanTags.OperationName, "execute_tool");
            span.SetTag(SpanTags.ToolName, tool);
            span.SetTag(SpanTags.ToolCallId, callId);
            span.SetTag(SpanTags.ToolType, "function");
            span.SetTag("gen_ai.tool.description", description);
            span.SetTag(SpanTags.ToolArguments, arguments);
        }

        return span;
    }

    /// <summary>Records how a tool call ended; the result only when sensitive data is on.</summary>
    public static void EndTool(Activity? span, string status, string? result)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(SpanTags.ToolStatus, status);
        span.SetTag(SpanTags.ToolResult, result);
        if (status != "ok")
        {
            span.SetStatus(ActivityStatusCode.Error);
            span.SetTag(SpanTags.ErrorType, status);
        }
    }
}

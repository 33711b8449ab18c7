using System.Diagnostics;
using Microsoft.DurableTask;

namespace DurableAgents.Telemetry;

/// <summary>
/// Spans of what the orchestration waited for (approvals, timers). Replay-safe: emitted once the wait is over, only while the code
/// runs forward (not replaying), with orchestration times from history, so a replay after a restart emits nothing again.
/// </summary>
internal static partial class RunSpans
{
    /// <summary>A retry back-off timer (<c>orchestration:AgentRun:timer</c>, as Durable Task names timer spans).</summary>
    public static void EmitTimer(TaskOrchestrationContext context, string? traceParent, string agent, string reason, DateTime startedUtc, DateTime fireAtUtc)
    {
        using var span = StartWait(context, "orchestration:AgentRun:timer", traceParent, startedUtc);
        if (span is null)
        {
            return;
        }

        span.SetTag(SpanTags.TaskType, "timer");
        span.SetTag(SpanTags.FireAt, fireAtUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        span.SetTag(SpanTags.TimerReason, reason);
        span.SetTag(SpanTags.AgentName, agent);
        span.SetTag(SpanTags.RunId, context.InstanceId);
        End(context, span);
    }

    /// <summary>An approval wait (<c>await_approval {agent}</c>): the tools, how many were approved and rejected; who decided only when sensitive data is on.</summary>
    public static void EmitApprovalWait(
        TaskOrchestrationContext context, string? traceParent, string agent, DateTime startedUtc, IReadOnlyList<string> tools, int approved, Func<IReadOnlyList<string>> decisions)
    {
        using var span = StartWait(context, $"await_approval {agent}", traceParent, startedUtc);
        if (span is null)
        {
            return;
        }

        span.SetTag(SpanTags.AgentName, agent);
        span.SetTag(SpanTags.RunId, context.InstanceId);
        span.SetTag(SpanTags.ApprovalCalls, tools.Count);
        span.SetTag(SpanTags.ApprovalTools, tools.ToArray());
        span.SetTag(SpanTags.ApprovalApproved, approved);
        span.SetTag(SpanTags.ApprovalRejected, tools.Count - approved);
        span.SetTag(SpanTags.ApprovalDecisions, decisions() is { Count: > 0 } list ? list.ToArray() : null);
        End(context, span);
    }

    private static Activity? StartWait(TaskOrchestrationContext context, string name, string? traceParent, DateTime startedUtc)
    {
        if (context.IsReplaying || !Source.HasListeners())
        {
            return null;
        }

        return Source.StartActivity(name, ActivityKind.Internal, ParentOf(traceParent), startTime: Utc(startedUtc));
    }

    private static void End(TaskOrchestrationContext context, Activity span) => span.SetEndTime(Utc(context.CurrentUtcDateTime).UtcDateTime);

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}

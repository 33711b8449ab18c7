using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>Keeps a live session's in-memory event list short, so a long orchestration's steps stay flat.</summary>
/// <remarks>
/// Between episodes of a session DTFx resumes the orchestrator from its cursor and reads only the new events; but for
/// every activity result it also scans the whole event list for the matching TaskScheduled event (to emit a trace
/// span), which makes each step O(history). The full history is in the file, so the session's list only needs what
/// DTFx still looks up: the ExecutionStarted event, scheduled activities and sub-orchestrations still waiting for
/// their result, and the last event. Trimming runs when the list doubles, so it costs O(1) per step.
/// </remarks>
internal static class SessionHistoryTrimmer
{
    public const int MinimumLength = 256;

    public static void TrimIfLong(SqliteWorkItem item)
    {
        if (item.OrchestrationRuntimeState?.Events is not List<HistoryEvent> events || events.Count < item.TrimAt)
        {
            return;
        }

        var answered = new HashSet<int>();
        foreach (var historyEvent in events)
        {
            switch (historyEvent)
            {
                case TaskCompletedEvent completed: answered.Add(completed.TaskScheduledId); break;
                case TaskFailedEvent failed: answered.Add(failed.TaskScheduledId); break;
                case SubOrchestrationInstanceCompletedEvent completed: answered.Add(completed.TaskScheduledId); break;
                case SubOrchestrationInstanceFailedEvent failed: answered.Add(failed.TaskScheduledId); break;
            }
        }

        var last = events[^1];
        events.RemoveAll(e => !ReferenceEquals(e, last) && !StillNeeded(e, answered));
        item.TrimAt = Math.Max(MinimumLength, events.Count * 2);
    }

    static bool StillNeeded(HistoryEvent historyEvent, HashSet<int> answered) => historyEvent switch
    {
        ExecutionStartedEvent => true,
        TaskScheduledEvent scheduled => !answered.Contains(scheduled.EventId),
        SubOrchestrationInstanceCreatedEvent created => !answered.Contains(created.EventId),
        _ => false,
    };
}

using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Execution;

/// <summary>Something the orchestrator asked for; recorded in history as the matching "scheduled" event.</summary>
internal abstract record OrchestratorAction(int Id)
{
    /// <summary>The history event that records this action.</summary>
    public abstract HistoryEvent ToHistoryEvent(DateTime now);

    /// <summary>A short description for non-determinism errors.</summary>
    public abstract string Describe();

    /// <summary>True when a recorded event is this action.</summary>
    public abstract bool Matches(HistoryEvent recorded);
}

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) => new TaskScheduledEvent(Id, Name, Input) { Timestamp = now };

    public override string Describe() => $"CallActivity('{Name}') #{Id}";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is TaskScheduledEvent e && e.TaskId == Id && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}

internal sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) => new TimerCreatedEvent(Id, FireAt) { Timestamp = now };

    public override string Describe() => $"CreateTimer({FireAt:O}) #{Id}";

    public override bool Matches(HistoryEvent recorded) => recorded is TimerCreatedEvent e && e.TimerId == Id;
}

internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string? Input) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) =>
        new SubOrchestrationInstanceCreatedEvent(Id, Name, InstanceId, Input) { Timestamp = now };

    public override string Describe() => $"CallSubOrchestrator('{Name}', '{InstanceId}') #{Id}";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is SubOrchestrationInstanceCreatedEvent e && e.TaskId == Id && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}

internal sealed record SendEventAction(int Id, string TargetInstanceId, string EventName, string? Input) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) => new EventSentEvent(Id, TargetInstanceId, EventName, Input) { Timestamp = now };

    public override string Describe() => $"SendEvent('{TargetInstanceId}', '{EventName}') #{Id}";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is EventSentEvent e && e.TaskId == Id && string.Equals(e.Name, EventName, StringComparison.Ordinal);
}

/// <summary>Describes a recorded event for non-determinism errors.</summary>
internal static class HistoryEventDescriptions
{
    public static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"CallActivity('{t.Name}') #{t.TaskId}",
        TimerCreatedEvent t => $"CreateTimer({t.FireAt:O}) #{t.TimerId}",
        SubOrchestrationInstanceCreatedEvent s => $"CallSubOrchestrator('{s.Name}', '{s.InstanceId}') #{s.TaskId}",
        EventSentEvent s => $"SendEvent('{s.TargetInstanceId}', '{s.Name}') #{s.TaskId}",
        _ => e.GetType().Name,
    };
}

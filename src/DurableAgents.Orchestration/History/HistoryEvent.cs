using System.Text.Json.Serialization;

namespace DurableAgents.Orchestration.History;

/// <summary>One entry of an instance's append-only history; the history is the truth an orchestrator is replayed against.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "SubOrchestrationFailed")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
public abstract record HistoryEvent
{
    /// <summary>When the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }
}

/// <summary>Where a sub-orchestration reports back to.</summary>
/// <param name="InstanceId">The parent instance.</param>
/// <param name="ExecutionId">The parent execution that is waiting.</param>
/// <param name="TaskScheduledId">The parent's task id for the sub-orchestration.</param>
/// <param name="Name">The parent orchestrator name.</param>
public sealed record ParentInstanceInfo(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);

/// <summary>An execution started with this input.</summary>
public sealed record ExecutionStartedEvent(
    string Name, string? Input, string ExecutionId, ParentInstanceInfo? Parent = null, DateTime? ScheduledStartTime = null) : HistoryEvent;

/// <summary>An episode began; its timestamp is the orchestrator's deterministic current time.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent;

/// <summary>The orchestrator scheduled an activity.</summary>
public sealed record TaskScheduledEvent(int TaskId, string Name, string? Input) : HistoryEvent;

/// <summary>An activity finished with a result.</summary>
public sealed record TaskCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity failed.</summary>
public sealed record TaskFailedEvent(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreatedEvent(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
public sealed record TimerFiredEvent(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived.</summary>
public sealed record EventRaisedEvent(string Name, string? Input, string? MessageId = null) : HistoryEvent;

/// <summary>The orchestrator sent an event to another instance.</summary>
public sealed record EventSentEvent(int TaskId, string TargetInstanceId, string Name, string? Input) : HistoryEvent;

/// <summary>The orchestrator started a sub-orchestration.</summary>
public sealed record SubOrchestrationInstanceCreatedEvent(int TaskId, string Name, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationInstanceCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed or was terminated.</summary>
public sealed record SubOrchestrationInstanceFailedEvent(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The instance was suspended.</summary>
public sealed record ExecutionSuspendedEvent(string? Reason) : HistoryEvent;

/// <summary>The instance was resumed.</summary>
public sealed record ExecutionResumedEvent(string? Reason) : HistoryEvent;

/// <summary>The instance was terminated.</summary>
public sealed record ExecutionTerminatedEvent(string? Reason) : HistoryEvent;

/// <summary>The execution ended.</summary>
public sealed record ExecutionCompletedEvent(
    OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure = null) : HistoryEvent;

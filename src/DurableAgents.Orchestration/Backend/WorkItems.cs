using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backend;

/// <summary>An instance locked for one episode: its state, its new messages, and a way to load its history.</summary>
public sealed class OrchestrationWorkItem
{
    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The stored state, or null for an instance that has none yet.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>New messages, in arrival order.</summary>
    public required IReadOnlyList<TaskMessage> NewMessages { get; init; }

    /// <summary>Loads the stored history; the worker skips this when its cached orchestrator is current.</summary>
    public required Func<CancellationToken, ValueTask<IReadOnlyList<HistoryEvent>>> LoadHistoryAsync { get; init; }

    /// <summary>Backend-specific lock data.</summary>
    public object? LockToken { get; init; }
}

/// <summary>What an episode produced, to be stored atomically with the consumption of the work item's messages.</summary>
public sealed class OrchestrationWorkItemResult
{
    /// <summary>Events to append to the history (or the whole new history when <see cref="ReplaceHistory"/>).</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>True when <see cref="NewEvents"/> replaces the history (ContinueAsNew).</summary>
    public bool ReplaceHistory { get; init; }

    /// <summary>The instance's new state.</summary>
    public required OrchestrationState State { get; init; }

    /// <summary>Activity work to enqueue.</summary>
    public IReadOnlyList<TaskMessage> ActivityMessages { get; init; } = [];

    /// <summary>Messages to this or other instances: timers (with VisibleAt), sub-orchestration starts, events, replies to parents.</summary>
    public IReadOnlyList<TaskMessage> OrchestratorMessages { get; init; } = [];
}

/// <summary>One activity invocation, locked for execution.</summary>
public sealed class ActivityWorkItem
{
    /// <summary>The message carrying a <see cref="TaskScheduledEvent"/>.</summary>
    public required TaskMessage Message { get; init; }

    /// <summary>How many times this work item has been handed out, this time included, when the backend knows.</summary>
    public int DequeueCount { get; init; } = 1;

    /// <summary>Backend-specific lock data.</summary>
    public object? LockToken { get; init; }
}

namespace DurableAgents.Orchestration.Backend;

/// <summary>What a backend keeps about an instance besides its history.</summary>
public sealed record OrchestrationState
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The current execution (changes on ContinueAsNew).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When its state last changed.</summary>
    public required DateTime LastUpdatedAt { get; init; }

    /// <summary>When it finished, if it has.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>When it is scheduled to start, if delayed.</summary>
    public DateTime? ScheduledStartTime { get; init; }

    /// <summary>The serialized input of the current execution.</summary>
    public string? Input { get; init; }

    /// <summary>The serialized output, once completed.</summary>
    public string? Output { get; init; }

    /// <summary>The serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure, once failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent instance, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The number of events in the stored history.</summary>
    public int HistoryEventCount { get; init; }

    /// <summary>The state of an instance that a start message is about to create: pending, with the start's input.</summary>
    public static OrchestrationState Pending(string instanceId, History.ExecutionStartedEvent started)
    {
        ArgumentNullException.ThrowIfNull(started);
        return new OrchestrationState
        {
            InstanceId = instanceId,
            Name = started.Name,
            ExecutionId = started.ExecutionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = started.Timestamp,
            LastUpdatedAt = started.Timestamp,
            Input = started.Input,
            ScheduledStartTime = started.ScheduledStartTime,
            ParentInstanceId = started.Parent?.InstanceId,
        };
    }
}

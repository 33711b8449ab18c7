namespace DurableAgents.Orchestration;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public record TaskOptions
{
    /// <summary>Creates options, optionally with a retry policy.</summary>
    public TaskOptions(RetryPolicy? retry = null)
    {
        Retry = retry;
    }

    /// <summary>The retry policy, or null for a single attempt.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Options that retry with the given policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    /// <summary>Sub-orchestration options with this retry policy and the given instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this) { InstanceId = instanceId };
}

/// <summary>Options for a sub-orchestration.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    public SubOrchestrationOptions(TaskOptions? options = null) : base(options?.Retry)
    {
    }

    /// <summary>The sub-orchestration's instance id; a deterministic one is made when null.</summary>
    public string? InstanceId { get; init; }
}

/// <summary>Options for starting an orchestration from a client.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; a new GUID when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>When to start; now when null.</summary>
    public DateTimeOffset? StartAt { get; init; }
}

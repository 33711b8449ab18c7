using DurableAgents.Orchestration.Backend;

namespace DurableAgents.Orchestration.Client;

/// <summary>What a client sees of an instance.</summary>
public sealed class OrchestrationMetadata
{
    private readonly DataConverter _converter;

    internal OrchestrationMetadata(OrchestrationState state, DataConverter converter, bool includePayloads)
    {
        _converter = converter;
        Name = state.Name;
        InstanceId = state.InstanceId;
        RuntimeStatus = state.RuntimeStatus;
        CreatedAt = state.CreatedAt;
        LastUpdatedAt = state.LastUpdatedAt;
        CompletedAt = state.CompletedAt;
        FailureDetails = state.FailureDetails;
        ParentInstanceId = state.ParentInstanceId;
        if (includePayloads)
        {
            SerializedInput = state.Input;
            SerializedOutput = state.Output;
            SerializedCustomStatus = state.CustomStatus;
        }
    }

    /// <summary>The orchestrator name.</summary>
    public string Name { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime LastUpdatedAt { get; }

    /// <summary>When it finished, if it has.</summary>
    public DateTime? CompletedAt { get; }

    /// <summary>The serialized input, when fetched.</summary>
    public string? SerializedInput { get; }

    /// <summary>The serialized output, when fetched.</summary>
    public string? SerializedOutput { get; }

    /// <summary>The serialized custom status, when fetched.</summary>
    public string? SerializedCustomStatus { get; }

    /// <summary>Why it failed, if it did.</summary>
    public TaskFailureDetails? FailureDetails { get; }

    /// <summary>The parent, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; }

    /// <summary>True while pending, running or suspended.</summary>
    public bool IsRunning => !RuntimeStatus.IsTerminal();

    /// <summary>True once completed, failed or terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => _converter.Deserialize<T>(SerializedInput);

    /// <summary>The output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => _converter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => _converter.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>A query over instances, with paging (the client and the backend seam share it).</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only this orchestrator name.</summary>
    public string? Name { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only ids with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size (1 to 1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token from the previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to include inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>True when the instance passes every filter (paging aside); backends use it to filter.</summary>
    public bool Matches(Backend.OrchestrationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (Statuses is null || Statuses.Count == 0 || Statuses.Contains(state.RuntimeStatus))
            && (Name is null || string.Equals(Name, state.Name, StringComparison.OrdinalIgnoreCase))
            && (CreatedFrom is null || state.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || state.CreatedAt < CreatedTo)
            && (InstanceIdPrefix is null || state.InstanceId.StartsWith(InstanceIdPrefix, StringComparison.Ordinal));
    }
}

/// <summary>One page of instances.</summary>
/// <param name="Instances">The instances.</param>
/// <param name="ContinuationToken">For the next page; null on the last.</param>
public sealed record OrchestrationPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

namespace DurableAgents.Orchestration.Backend;

/// <summary>A filter over instances, with paging.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only this orchestrator name.</summary>
    public string? Name { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only ids that start with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size, 1 to 1000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page stopped.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to include inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>True when the instance passes every filter (paging aside).</summary>
    public bool Matches(OrchestrationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (Statuses is null || Statuses.Count == 0 || Statuses.Contains(state.RuntimeStatus))
            && (Name is null || string.Equals(Name, state.Name, StringComparison.OrdinalIgnoreCase))
            && (CreatedFrom is null || state.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || state.CreatedAt < CreatedTo)
            && (InstanceIdPrefix is null || state.InstanceId.StartsWith(InstanceIdPrefix, StringComparison.Ordinal));
    }
}

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">Pass this to get the next page; null on the last page.</param>
public sealed record InstanceQueryResult(IReadOnlyList<OrchestrationState> Instances, string? ContinuationToken);

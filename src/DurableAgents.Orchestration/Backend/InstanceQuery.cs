namespace DurableAgents.Orchestration.Backend;

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">Pass this to get the next page; null on the last page.</param>
public sealed record InstanceQueryResult(IReadOnlyList<OrchestrationState> Instances, string? ContinuationToken);

using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Execution;

/// <summary>How an execution ended.</summary>
internal sealed record ExecutionOutcome(
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    string? ContinueAsNewInput = null,
    IReadOnlyList<(string Name, string? Payload)>? CarryOverEvents = null)
{
    public bool IsContinueAsNew => Status == OrchestrationRuntimeStatus.ContinuedAsNew;
}

/// <summary>What one episode produced.</summary>
internal sealed record EpisodeResult(
    IReadOnlyList<HistoryEvent> NewEvents,
    IReadOnlyList<OrchestratorAction> NewActions,
    ExecutionOutcome? Outcome,
    bool IsSuspended);

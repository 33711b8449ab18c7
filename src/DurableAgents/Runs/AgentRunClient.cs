using DurableAgents.Orchestration;

namespace DurableAgents.Runs;

/// <summary>A run as clients see it.</summary>
/// <param name="RunId">The run (orchestration instance) id.</param>
/// <param name="Agent">The agent name.</param>
/// <param name="RuntimeStatus">The orchestration status.</param>
/// <param name="Status">The live custom status (phase, step, usage, pending approvals).</param>
/// <param name="Result">The result, once finished.</param>
/// <param name="Goal">The goal the run was started with.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="Failure">Why the orchestration failed, if it did.</param>
public sealed record AgentRunView(
    string RunId,
    string Agent,
    OrchestrationRuntimeStatus RuntimeStatus,
    AgentRunStatus? Status,
    AgentRunResult? Result,
    string? Goal,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    TaskFailureDetails? Failure);

/// <summary>What happened to a submitted approval.</summary>
public enum ApprovalSubmitResult
{
    /// <summary>Delivered to the run.</summary>
    Accepted,

    /// <summary>No such run.</summary>
    RunNotFound,

    /// <summary>The run is not waiting for an approval.</summary>
    NotAwaitingApproval,
}

/// <summary>Thrown when a run names an agent that is not registered.</summary>
public sealed class AgentNotFoundException(string agent)
    : InvalidOperationException($"No agent named '{agent}' is registered. GET /api/agents lists the agents.")
{
    /// <summary>The name that was not found.</summary>
    public string Agent { get; } = agent;
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

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
    TaskFailureDetails? Failure)
{
    /// <summary>Every tool call that has a result so far, in order, while the run is in progress and after it ends; null when not read.</summary>
    public IReadOnlyList<ToolCallRecord>? ToolCalls { get; init; }

    /// <summary>The user the run is for (<see cref="AgentRunInput.User"/>); null for a run for no user.</summary>
    public string? User { get; init; }

    /// <summary>The session the run is a turn of (<see cref="AgentRunInput.Session"/>); null outside sessions.</summary>
    public string? Session { get; init; }
}

/// <summary>Thrown when a run names an agent that is not registered.</summary>
public sealed class AgentNotFoundException(string agent)
    : InvalidOperationException($"No agent named '{agent}' is registered. GET /api/agents lists the agents.")
{
    /// <summary>The name that was not found.</summary>
    public string Agent { get; } = agent;
}

/// <summary>Thrown when a start names a run id that exists; an existing run is never replaced unless the caller asks.</summary>
public sealed class RunAlreadyExistsException(string runId, string? agent, string orchestration, string status, Exception? inner = null)
    : InvalidOperationException(agent is not null
        ? $"A run with id '{runId}' already exists: agent '{agent}', status {status}. Use another runId"
          + (status is "Completed" or "Failed" or "Terminated" ? $", or ask to replace a finished run of the same agent with \"ifExists\": \"replace\"." : ", or wait for it to finish.")
        : $"The id '{runId}' is taken by a '{orchestration}' instance ({status}); use another runId.", inner)
{
    /// <summary>The id that was refused.</summary>
    public string RunId { get; } = runId;

    /// <summary>The existing run's agent, when the id belongs to an agent run.</summary>
    public string? Agent { get; } = agent;

    /// <summary>The existing instance's runtime status.</summary>
    public string Status { get; } = status;
}

using System.Text.Json;
using DurableAgents.Runs;

namespace DurableAgents.Api.Runs;

/// <summary>The body of <c>POST /api/agents/{agent}/runs</c>.</summary>
/// <param name="Input">The goal: a string, or an object (passed to the agent as its JSON text).</param>
/// <param name="RunId">An id for the run; a new one when omitted.</param>
/// <param name="IfExists">"refuse" (the default: 409 when the id exists in any state) or "replace" (a finished run of the same agent only).</param>
/// <param name="User">The user the run is for (its memory scope <c>user:{key}</c>; <see cref="UserKeys"/> rules); none when omitted.</param>
public sealed record StartRunRequest(JsonElement? Input, string? RunId, string? IfExists = null, string? User = null);

/// <summary>The management URLs of a run, in the shape of the Durable Functions HTTP API.</summary>
public sealed record RunUris(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string ApprovePostUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string PurgeHistoryDeleteUri);

/// <summary>Usage as the API shows it.</summary>
public sealed record UsageResponse(long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>A run as <c>GET /api/runs/{id}</c> shows it.</summary>
public sealed record RunResponse
{
    /// <summary>The run id.</summary>
    public required string Id { get; init; }

    /// <summary>The agent.</summary>
    public required string Agent { get; init; }

    /// <summary>Pending, Running, Completed, Failed, Terminated or Suspended.</summary>
    public required string RuntimeStatus { get; init; }

    /// <summary>What the run is doing: at least a phase; pending approvals while it waits.</summary>
    public AgentRunStatus? CustomStatus { get; init; }

    /// <summary>The goal.</summary>
    public string? Input { get; init; }

    /// <summary>The user the run is for; null for a run for no user.</summary>
    public string? User { get; init; }

    /// <summary>The session the run is a turn of; null outside sessions.</summary>
    public string? Session { get; init; }

    /// <summary>The result once completed (its tool calls are in <see cref="ToolCalls"/>, not repeated here).</summary>
    public RunOutput? Output { get; init; }

    /// <summary>Why the orchestration failed (type and message; never a stack trace).</summary>
    public FailureResponse? Failure { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedTime { get; init; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime LastUpdatedTime { get; init; }

    /// <summary>Tokens and cost so far.</summary>
    public required UsageResponse Usage { get; init; }

    /// <summary>Model calls so far.</summary>
    public int Steps { get; init; }

    /// <summary>Every tool call that has a result, in order: filled while the run is in progress and after it ends (not in lists).</summary>
    public IReadOnlyList<ToolCallRecord>? ToolCalls { get; init; }

    /// <summary>The history, with <c>?showHistory=true</c>.</summary>
    public IReadOnlyList<HistoryEntry>? History { get; init; }
}

/// <summary>A finished run's result as the API shows it.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Answer">The model's final answer (or the best text available when a limit ended the run).</param>
/// <param name="Reason">Why the run ended, when it was not a normal completion.</param>
/// <param name="Steps">Model calls made.</param>
/// <param name="Usage">Usage and cost in all.</param>
public sealed record RunOutput(AgentRunOutcome Outcome, string? Answer, string? Reason, int Steps, RunUsage Usage)
{
    /// <summary>The memory ids of the past episodes whose lessons the run was given (see docs/memory.md); null when none.</summary>
    public IReadOnlyList<string>? Lessons { get; init; }

    /// <summary>The memory id of the episode this run was recorded as; null when it was not.</summary>
    public string? Episode { get; init; }
}

/// <summary>A failure without its stack trace.</summary>
/// <param name="ErrorType">The error type.</param>
/// <param name="ErrorMessage">The message.</param>
public sealed record FailureResponse(string ErrorType, string ErrorMessage);

/// <summary>One page of <c>GET /api/runs</c>.</summary>
/// <param name="Runs">The runs.</param>
/// <param name="ContinuationToken">For the next page; null on the last.</param>
public sealed record RunListResponse(IReadOnlyList<RunResponse> Runs, string? ContinuationToken);

/// <summary>The body of <c>POST /api/runs/{id}/approval</c>.</summary>
/// <param name="Approved">Approve or reject.</param>
/// <param name="CallIds">The calls decided; all pending calls when omitted.</param>
/// <param name="Approver">Who decided.</param>
/// <param name="Comment">Why.</param>
/// <param name="Corrections">For a human review: with approved false, what to change (the draft goes back to its author).</param>
public sealed record ApprovalRequest(bool? Approved, IReadOnlyList<string>? CallIds, string? Approver, string? Comment, string? Corrections = null);

/// <summary>The answer to an accepted command.</summary>
/// <param name="Id">The run.</param>
/// <param name="Status">What happened.</param>
public sealed record CommandAccepted(string Id, string Status)
{
    /// <summary>A sentence on what happened (approvals: what was decided, by whom).</summary>
    public string? Detail { get; init; }

    /// <summary>For approvals: the run's record of the decision.</summary>
    public ApprovalRecord? Decision { get; init; }
}

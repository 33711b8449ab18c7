namespace DurableAgents.Agents;

/// <summary>The limits and rules a run of an agent follows.</summary>
public sealed record AgentPolicy
{
    /// <summary>Model calls per run before it ends with <see cref="Runs.AgentRunOutcome.StepLimit"/>.</summary>
    public int MaxSteps { get; init; } = 20;

    /// <summary>Input plus output tokens per run; null for no budget.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary>Cost per run in USD (from the price table); null for no budget.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>Retries per run across all model and tool calls, and malformed-call corrections.</summary>
    public int RetryBudget { get; init; } = 10;

    /// <summary>Attempts per model call (durable retry with back-off) for transient model failures.</summary>
    public int ModelCallAttempts { get; init; } = 4;

    /// <summary>Attempts per tool call for retryable tool failures (only idempotent tools are retried).</summary>
    public int ToolCallAttempts { get; init; } = 3;

    /// <summary>The wait before the first retry of a failed model call (doubling after; a longer Retry-After from the server wins).</summary>
    public TimeSpan ModelRetryFirstInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before the first retry of a failed idempotent tool call (doubling after).</summary>
    public TimeSpan ToolRetryFirstInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Default per-tool timeout.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Default cap on a tool result (characters), cut with a marker past it.</summary>
    public int MaxToolResultChars { get; init; } = 8_000;

    /// <summary>The highest permission a tool of this agent may have; calls to tools above it are refused.</summary>
    public ToolPermission MaxPermission { get; init; } = ToolPermission.Destructive;

    /// <summary>Tool names that need approval in addition to the tools' own flags.</summary>
    public IReadOnlySet<string> ApprovalRequiredFor { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a run waits for an approval.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>What happens when the approval wait times out.</summary>
    public ApprovalTimeoutAction OnApprovalTimeout { get; init; } = ApprovalTimeoutAction.Reject;

    /// <summary>Re-state the original goal to the model every N steps (0 = never).</summary>
    public int RestateGoalEvery { get; init; } = 5;

    /// <summary>Identical calls (same tool, same arguments) before the model is warned; one more ends the run.</summary>
    public int LoopThreshold { get; init; } = 3;

    /// <summary>Estimated conversation tokens past which older turns are compacted into a summary.</summary>
    public int ContextBudgetTokens { get; init; } = 24_000;

    /// <summary>
    /// Steps per history generation: after this many model calls the run continues as new, carrying only references and counters,
    /// so its history stays small however long it runs (0 = never).
    /// </summary>
    public int ContinueAsNewEvery { get; init; } = 5;

    /// <summary>
    /// Offers the model the runtime's <c>escalate_to_human</c> tool: a call pauses the run (phase <c>escalated</c>, with the goal, what
    /// was tried and why in <see cref="Runs.AgentRunStatus.Escalation"/>) until a human answers over the approval endpoint; the answer
    /// (approve with guidance, or reject) becomes the tool's result. Waits up to <see cref="ApprovalTimeout"/>, then counts as declined.
    /// </summary>
    public bool AllowEscalation { get; init; }

    /// <summary>How deep sub-agents may nest (1 = an agent may call sub-agents that call none).</summary>
    public int MaxSubAgentDepth { get; init; } = 2;

    /// <summary>Episodic memory: whether runs are recorded as episodes and given lessons of similar past runs (off by default).</summary>
    public MemoryPolicy Memory { get; init; } = MemoryPolicy.Off;
}

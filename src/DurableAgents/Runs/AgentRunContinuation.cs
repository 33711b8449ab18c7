using DurableAgents.Runs.Activities;

namespace DurableAgents.Runs;

/// <summary>
/// What a run carries into its next generation when it continues as new (every <see cref="Agents.AgentPolicy.ContinueAsNewEvery"/>
/// steps, to keep its history small). It is bounded: references, counters and hashes, never the conversation's content.
/// </summary>
public sealed record AgentRunContinuation
{
    /// <summary>The conversation so far (its head segment id).</summary>
    public string? Head { get; init; }

    /// <summary>Messages to add before the next model call (the last step's tool results, mostly by id).</summary>
    public IReadOnlyList<NewMessage> Pending { get; init; } = [];

    /// <summary>Model calls made so far.</summary>
    public int Step { get; init; }

    /// <summary>Usage so far.</summary>
    public RunUsage Usage { get; init; } = RunUsage.Zero;

    /// <summary>Retries spent against the retry budget.</summary>
    public int RetriesUsed { get; init; }

    /// <summary>Estimated conversation tokens after the last model call.</summary>
    public long ConversationTokens { get; init; }

    /// <summary>Characters of tool results stored since the last model call.</summary>
    public long PendingStoredChars { get; init; }

    /// <summary>The model's latest text.</summary>
    public string? LastText { get; init; }

    /// <summary>Loop detection: how often each call signature (hashed) was asked for.</summary>
    public IReadOnlyDictionary<string, int> CallCounts { get; init; } = new Dictionary<string, int>();

    /// <summary>Loop detection: whether the model was already warned.</summary>
    public bool LoopWarned { get; init; }

    /// <summary>Calls a human rejected: signature hash to the reason.</summary>
    public IReadOnlyDictionary<string, string> Rejected { get; init; } = new Dictionary<string, string>();

    /// <summary>Set when the last step's calls were all rejected and none ran.</summary>
    public string? RejectionOfLastStep { get; init; }

    /// <summary>Tool calls made so far.</summary>
    public int ToolCallCount { get; init; }

    /// <summary>How many times the run has continued as new.</summary>
    public int Generation { get; init; }

    /// <summary>The latest approval decisions, so replays and redeliveries stay refused in later generations.</summary>
    public IReadOnlyList<ApprovalRecord>? Decisions { get; init; }

    /// <summary>The audit chain so far (its head).</summary>
    public string? Audit { get; init; }

    /// <summary>The audit record of the last step, not written yet: the next generation's first model call writes it.</summary>
    public string? PendingAudit { get; init; }

    /// <summary>The latest sub-runs, for the status.</summary>
    public IReadOnlyList<SubRunRecord>? SubRuns { get; init; }

    /// <summary>The lessons block the run was given (its id in the conversation store), and the episodes it came from.</summary>
    public Memory.RecallLessonsOutput? Lessons { get; init; }
}

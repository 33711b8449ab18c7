using DurableAgents.Runs;

namespace DurableAgents.Memory;

/// <summary>Input of the activity that records a finished run as an episode.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Goal">The run's goal.</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Reason">Why it ended, when not a normal completion.</param>
/// <param name="Steps">Model calls made.</param>
/// <param name="Conversation">The run's final conversation head, from which its tool calls are read.</param>
public sealed record RecordEpisodeInput(string Agent, string Goal, AgentRunOutcome Outcome, string? Reason, int Steps, string? Conversation)
{
    /// <summary>The approval decisions the run applied (a rejection's comment is a human lesson).</summary>
    public IReadOnlyList<ApprovalRecord>? Decisions { get; init; }

    /// <summary>The run's W3C traceparent.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Where the run's conversation began (a session turn's previous head); only what it added after is this run's.</summary>
    public string? ConversationStart { get; init; }

    /// <summary>
    /// Set when the episode is a human review of this agent's work in another run (a pipeline's review gate): the corrections are
    /// the lesson, word for word, and no model writes one. The episode's id then derives from the reviewed run and the agent.
    /// </summary>
    public IReadOnlyList<HumanCorrection>? ReviewCorrections { get; init; }
}

/// <summary>Input of the activity that finds lessons of similar past runs for a new run.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Goal">The new run's goal.</param>
public sealed record RecallLessonsInput(string Agent, string Goal)
{
    /// <summary>The run's W3C traceparent.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>The lessons found: the stored text added to the run's instructions, and the episodes it came from.</summary>
/// <param name="ContentId">The lessons block in the conversation store; null when no episode was similar enough.</param>
/// <param name="MemoryIds">The episodes used, most similar first.</param>
public sealed record RecallLessonsOutput(string? ContentId, IReadOnlyList<string> MemoryIds)
{
    /// <summary>No lessons.</summary>
    public static RecallLessonsOutput None { get; } = new(null, []);
}

/// <summary>What a finished run did, as the episode writer sees it.</summary>
/// <param name="Input">The run's outcome and goal.</param>
/// <param name="ToolsUsed">Tools called, in first-use order.</param>
/// <param name="Failures">Calls that failed, were refused, rejected or timed out: "tool (status): text".</param>
/// <param name="Corrections">Human rejections: who, which tools, and the comment.</param>
public sealed record EpisodeFacts(RecordEpisodeInput Input, IReadOnlyList<string> ToolsUsed, IReadOnlyList<string> Failures, IReadOnlyList<HumanCorrection> Corrections);

/// <summary>A human's rejection of tool calls, or a reviewer's rejection or corrections of a draft (no tools), and why.</summary>
/// <param name="Approver">Who rejected.</param>
/// <param name="Tools">The tools of the rejected calls; empty for a review of the work itself.</param>
/// <param name="Comment">The comment or the corrections, when given.</param>
public sealed record HumanCorrection(string? Approver, IReadOnlyList<string> Tools, string? Comment);

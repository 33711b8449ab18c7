using System.Security.Cryptography;
using System.Text;
using DurableAgents.Agents;
using DurableAgents.Runs.Activities;

namespace DurableAgents.Runs.Loop;

/// <summary>What a run knows between steps; rebuilt by replay (and from the continuation), so it holds only what activities returned and decisions made.</summary>
internal sealed class RunState
{
    /// <summary>Tool calls shown to approvers.</summary>
    public const int RecentToolCallsKept = 10;

    /// <summary>Characters of each recent result shown to approvers.</summary>
    public const int RecentResultChars = 200;

    public RunState(AgentRunInput input, AgentDefinition definition, IAgentCatalog? catalog = null)
    {
        Input = input;
        Definition = definition;
        Catalog = catalog;
        if (input.Continuation is not { } c)
        {
            Pending = [NewMessage.User(input.Goal)];
            (Head, ConversationTokens) = (input.Conversation, input.ConversationTokens); // a session's turn continues the previous one
            return;
        }

        (Head, Pending, Step, Usage, RetriesUsed) = (c.Head, c.Pending.ToList(), c.Step, c.Usage, c.RetriesUsed);
        (ConversationTokens, PendingStoredChars, LastText, LoopWarned) = (c.ConversationTokens, c.PendingStoredChars, c.LastText, c.LoopWarned);
        (RejectionOfLastStep, ToolCallCount, Generation) = (c.RejectionOfLastStep, c.ToolCallCount, c.Generation);
        CallCounts = new Dictionary<string, int>(c.CallCounts, StringComparer.Ordinal);
        Rejected = new Dictionary<string, string>(c.Rejected, StringComparer.Ordinal);
        Progress = new RunProgress(c.Decisions, c.SubRuns, c.Audit);
        (Lessons, PendingAudit) = (c.Lessons, c.PendingAudit);
    }

    public AgentRunInput Input { get; }

    public AgentDefinition Definition { get; }

    public AgentPolicy Policy => Definition.Policy;

    /// <summary>The agents (configuration, the same on every replay), for what sub-agent runs start with.</summary>
    public IAgentCatalog? Catalog { get; }

    /// <summary>Whether a run of the sub-agent starts by recalling lessons (its own memory policy).</summary>
    public bool SubAgentLessons(string agent) => Catalog?.Find(agent)?.Policy.Memory.InjectLessons == true;

    /// <summary>The conversation so far.</summary>
    public string? Head { get; set; }

    /// <summary>Messages to add before the next model call.</summary>
    public List<NewMessage> Pending { get; set; }

    public int Step { get; set; }

    /// <summary>Model calls made in this history generation.</summary>
    public int StepsThisGeneration { get; set; }

    public int Generation { get; }

    public RunUsage Usage { get; set; } = RunUsage.Zero;

    public int RetriesUsed { get; set; }

    public int ToolCallCount { get; private set; }

    /// <summary>The latest tool calls of this generation, short, for approvers (earlier ones are read from the conversation).</summary>
    public List<ToolCallRecord> RecentToolCalls { get; } = [];

    public string? LastText { get; set; }

    public long ConversationTokens { get; set; }

    /// <summary>Characters of tool results stored since the last model call (they count towards the context before it).</summary>
    public long PendingStoredChars { get; set; }

    /// <summary>How often each call signature (hashed: tool + canonical arguments) was asked for.</summary>
    public Dictionary<string, int> CallCounts { get; } = new(StringComparer.Ordinal);

    public bool LoopWarned { get; set; }

    /// <summary>Calls a human rejected, by signature hash: asked again, they are refused without a new approval wait.</summary>
    public Dictionary<string, string> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Decisions, sub-runs and the audit head, for the status.</summary>
    public RunProgress Progress { get; } = new();

    /// <summary>The audit chain so far (null until the first audited step, and for runs started before audits).</summary>
    public string? AuditHead
    {
        get => Progress.AuditHead;
        set => Progress.AuditHead = value;
    }

    /// <summary>True when this run writes an audit record after each step (runs of revision 1 and later).</summary>
    public bool Audited => Input.Revision is >= 1;

    /// <summary>
    /// True when the step's audit record rides in the conversation segment the next activity writes (revision 2 and later);
    /// revision 1 runs write it through the audit activity.
    /// </summary>
    public bool AuditsInConversation => Input.Revision is >= 2;

    /// <summary>The last step's audit record (its stored form) until an activity has written it into the conversation.</summary>
    public string? PendingAudit { get; set; }

    /// <summary>Set when the last step's calls were all rejected and none ran: an answer now ends the run as Rejected.</summary>
    public string? RejectionOfLastStep { get; set; }

    /// <summary>The lessons of similar past runs given to this run, when its agent's memory policy asks for them.</summary>
    public Memory.RecallLessonsOutput? Lessons { get; set; }

    /// <summary>A short stable key for a call signature (the arguments are content; the key is not).</summary>
    public static string KeyOf(string signature) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(signature)).AsSpan(0, 12)).TrimEnd('=');

    /// <summary>Counts a retry against the budget; false once the budget is used up.</summary>
    public bool TrySpendRetry()
    {
        RetriesUsed++;
        return RetriesUsed <= Policy.RetryBudget;
    }

    /// <summary>Notes a finished tool call (the full record is read from the conversation later).</summary>
    public void AddToolCall(ToolCallRecord record)
    {
        ToolCallCount++;
        RecentToolCalls.Add(record with { Result = ToolResultFormatter.Preview(record.Result, RecentResultChars) });
        if (RecentToolCalls.Count > RecentToolCallsKept)
        {
            RecentToolCalls.RemoveAt(0);
        }
    }

    /// <summary>What the next generation needs (no content beyond the pending messages and the model's last text).</summary>
    public AgentRunContinuation Continue() => new()
    {
        Head = Head,
        Pending = Pending.ToList(),
        Step = Step,
        Usage = Usage,
        RetriesUsed = RetriesUsed,
        ConversationTokens = ConversationTokens,
        PendingStoredChars = PendingStoredChars,
        LastText = LastText,
        CallCounts = CallCounts,
        LoopWarned = LoopWarned,
        Rejected = Rejected,
        RejectionOfLastStep = RejectionOfLastStep,
        ToolCallCount = ToolCallCount,
        Generation = Generation + 1,
        Decisions = Progress.Decisions.Count == 0 ? null : Progress.Decisions.ToList(),
        Audit = AuditHead,
        PendingAudit = PendingAudit,
        SubRuns = Progress.SubRuns.Count == 0 ? null : Progress.SubRuns.ToList(),
        Lessons = Lessons,
    };

    public AgentRunStatus Status(string phase) => Progress.Status(phase, Step, Usage, Head);


    public AgentRunResult Result(AgentRunOutcome outcome, string? answer, string? reason) => new()
    {
        Outcome = outcome,
        Answer = answer ?? LastText,
        Reason = reason,
        Steps = Step,
        Usage = Usage,
        Audit = AuditHead,
        Lessons = Lessons is { MemoryIds.Count: > 0 } given ? given.MemoryIds : null,
        ConversationTokens = ConversationTokens + PendingStoredChars / 4 + Pending.Sum(m => m.InlineChars) / 4,
    };

    /// <summary>A short account of the run so far, for approvers, with the latest tool calls given.</summary>
    public string GatheredSoFar(IEnumerable<ToolCallRecord> recent)
    {
        var builder = new StringBuilder();
        builder.Append($"Step {Step}; {ToolCallCount} tool call(s) so far.");
        foreach (var record in recent.TakeLast(RecentToolCallsKept))
        {
            builder.Append($"\n- {record.Tool} ({record.Status}): {record.Result}");
        }

        if (!string.IsNullOrEmpty(LastText))
        {
            builder.Append($"\nThe model last said: {ToolResultFormatter.Preview(LastText, 400)}");
        }

        return builder.ToString();
    }
}

/// <summary>Ends the loop (or a pattern) with an outcome (thrown inside the orchestrator, caught by its main loop).</summary>
internal sealed class RunEndedException(AgentRunOutcome outcome, string reason) : Exception(reason)
{
    public AgentRunOutcome Outcome { get; } = outcome;

    /// <summary>The best answer the run has (a pattern's latest draft), when it has one.</summary>
    public string? Answer { get; init; }

    /// <summary>A structured account of what was tried, for runs a budget ended.</summary>
    public RunErrorReport? Report { get; init; }
}

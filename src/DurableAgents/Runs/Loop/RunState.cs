using System.Text;
using DurableAgents.Agents;

namespace DurableAgents.Runs.Loop;

/// <summary>What a run knows between steps; rebuilt by replay, so it holds only what activities returned and decisions made.</summary>
internal sealed class RunState(AgentRunInput input, AgentDefinition definition)
{
    public AgentRunInput Input { get; } = input;

    public AgentDefinition Definition { get; } = definition;

    public AgentPolicy Policy => Definition.Policy;

    public int Step { get; set; }

    public RunUsage Usage { get; set; } = RunUsage.Zero;

    public int RetriesUsed { get; set; }

    public List<ToolCallRecord> Records { get; } = [];

    public string? LastText { get; set; }

    public long ConversationTokens { get; set; }

    /// <summary>Characters of tool results stored since the last model call (they count towards the context before it).</summary>
    public long PendingStoredChars { get; set; }

    /// <summary>How often each (tool, canonical arguments) was asked for.</summary>
    public Dictionary<string, int> CallCounts { get; } = new(StringComparer.Ordinal);

    public bool LoopWarned { get; set; }

    /// <summary>Calls a human rejected, by signature: asked again, they are refused without a new approval wait.</summary>
    public Dictionary<string, string> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when the last step's calls were all rejected and none ran: an answer now ends the run as Rejected.</summary>
    public string? RejectionOfLastStep { get; set; }

    /// <summary>Counts a retry against the budget; false once the budget is used up.</summary>
    public bool TrySpendRetry()
    {
        RetriesUsed++;
        return RetriesUsed <= Policy.RetryBudget;
    }

    public AgentRunStatus Status(string phase) => new() { Phase = phase, Step = Step, Usage = Usage };

    public AgentRunResult Result(AgentRunOutcome outcome, string? answer, string? reason) => new()
    {
        Outcome = outcome,
        Answer = answer ?? LastText,
        Reason = reason,
        Steps = Step,
        Usage = Usage,
        ToolCalls = Records.ToList(),
    };

    /// <summary>A short account of the run so far, for approvers.</summary>
    public string GatheredSoFar()
    {
        var builder = new StringBuilder();
        builder.Append($"Step {Step}; {Records.Count} tool call(s) so far.");
        foreach (var record in Records.TakeLast(10))
        {
            builder.Append($"\n- {record.Tool} ({record.Status}): {ToolResultFormatter.Preview(record.Result, 200)}");
        }

        if (!string.IsNullOrEmpty(LastText))
        {
            builder.Append($"\nThe model last said: {ToolResultFormatter.Preview(LastText, 400)}");
        }

        return builder.ToString();
    }
}

/// <summary>Ends the loop with an outcome (thrown inside the orchestrator, caught by its main loop).</summary>
internal sealed class RunEndedException(AgentRunOutcome outcome, string reason) : Exception(reason)
{
    public AgentRunOutcome Outcome { get; } = outcome;
}

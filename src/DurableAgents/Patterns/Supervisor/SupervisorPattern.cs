using DurableAgents.Agents;

namespace DurableAgents.Patterns;

/// <summary>
/// A supervisor team: each round the supervisor (the pattern agent's model) decides, as structured output
/// <c>{"delegate_to": worker or "finish", "task": "..."}</c>, who works next; each delegation is a sub-run of that worker. A
/// reviewer's rejection sends the work back to the writer with the review. Rounds are bounded.
/// </summary>
public sealed record SupervisorPattern : AgentPattern
{
    /// <summary>The value of <c>delegate_to</c> that ends the run with the latest draft.</summary>
    public const string Finish = "finish";

    /// <summary>The workers the supervisor may delegate to, in their usual order.</summary>
    public IReadOnlyList<string> Workers { get; init; } = ["researcher", "writer", "reviewer"];

    /// <summary>The worker whose answers are the draft (and who gets a rejected draft back); none when null.</summary>
    public string? Writer { get; init; } = "writer";

    /// <summary>The worker whose answers judge the draft: "REJECTED" (before any "APPROVED") sends it back; none when null.</summary>
    public string? Reviewer { get; init; } = "reviewer";

    /// <summary>Rounds (delegations) before the run ends with <see cref="Runs.AgentRunOutcome.StepLimit"/>.</summary>
    public int MaxRounds { get; init; } = 8;

    /// <summary>Invalid decisions fed back to the supervisor before the run ends with <see cref="Runs.AgentRunOutcome.RetryBudget"/>.</summary>
    public int DecisionRetries { get; init; } = 3;

    /// <inheritdoc />
    public override string Orchestrator => PatternNames.Supervisor;

    /// <inheritdoc />
    public override IEnumerable<string> Agents => Workers;
}

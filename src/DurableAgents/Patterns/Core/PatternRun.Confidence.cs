namespace DurableAgents.Patterns;

/// <summary>The confidence gate: a separate structured call that scores work, unreadable replies scoring 0.0.</summary>
public sealed partial class PatternRun
{
    /// <summary>
    /// Asks <paramref name="agent"/>'s model (the pattern agent's when null) how confident it is in what <paramref name="prompt"/>
    /// describes; returns <c>{"confidence", "reasoning"}</c>, or 0.0 when the reply does not parse or fit (no retry is spent).
    /// </summary>
    public async Task<ConfidenceAssessment> AssessConfidenceAsync(string prompt, string? agent = null)
    {
        var reply = await AskAsync(new StructuredRequest(prompt, ConfidenceGate.Schema, ConfidenceGate.SchemaName) { Agent = agent }, new RetryBudget(0));
        return ConfidenceGate.From(reply);
    }
}

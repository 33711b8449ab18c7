using System.Text.Json;

namespace DurableAgents.Patterns;

/// <summary>A confidence score and why.</summary>
/// <param name="Confidence">From 0.0 to 1.0; 0.0 when the reply could not be read.</param>
/// <param name="Reasoning">The model's reasons, or why the reply did not count.</param>
/// <param name="Parsed">False when the reply did not parse or fit the schema (and so counts as 0.0).</param>
public sealed record ConfidenceAssessment(double Confidence, string Reasoning, bool Parsed)
{
    /// <summary>True when the score reaches <paramref name="threshold"/>.</summary>
    public bool Passes(double threshold) => Parsed && Confidence >= threshold;
}

/// <summary>The schema of a confidence call: <c>{"confidence": 0.0-1.0, "reasoning": "..."}</c>.</summary>
public static class ConfidenceGate
{
    /// <summary>The schema name sent to the model.</summary>
    public const string SchemaName = "confidence";

    /// <summary>The schema.</summary>
    public static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"confidence":{"type":"number","minimum":0,"maximum":1,"description":"How sure you are, from 0.0 (not at all) to 1.0 (certain)."},"reasoning":{"type":"string","description":"Why, in one or two sentences."}},"required":["confidence","reasoning"]}""")
        .RootElement.Clone();

    /// <summary>The assessment of a structured reply: one that did not fit counts as 0.0 (no retries: a doubtful judge is a low score).</summary>
    public static ConfidenceAssessment From(StructuredReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Value is not { } value)
        {
            return new ConfidenceAssessment(0.0, $"The confidence reply could not be read, so it counts as 0.0: {string.Join(" ", reply.Problems)}", false);
        }

        return new ConfidenceAssessment(value.GetProperty("confidence").GetDouble(), value.GetProperty("reasoning").GetString() ?? "", true);
    }
}

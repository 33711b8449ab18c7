using System.Text.Json;
using DurableAgents.Runs;

namespace DurableAgents.Patterns;

/// <summary>A request for JSON that fits a schema, from an agent's model.</summary>
/// <param name="Prompt">What to decide or produce, with the context the model needs.</param>
/// <param name="Schema">The JSON schema the answer must fit (the subset tool schemas use, with bounds).</param>
/// <param name="SchemaName">A name for the schema (letters, digits, '_' and '-'), sent to the model.</param>
public sealed record StructuredRequest(string Prompt, JsonElement Schema, string SchemaName)
{
    /// <summary>The agent whose model answers; the pattern agent when null.</summary>
    public string? Agent { get; init; }

    /// <summary>Also declare the agent's tools and sub-agents (not callable: tool mode none), so the model can plan with them.</summary>
    public bool OfferTools { get; init; }
}

/// <summary>What came of a <see cref="StructuredRequest"/>.</summary>
/// <param name="Value">The answer, when it fitted the schema.</param>
/// <param name="Attempts">Model calls made (1 plus the retries spent).</param>
/// <param name="Problems">Why the last answer did not fit; empty when it did.</param>
/// <param name="Text">The model's last reply as it came.</param>
public sealed record StructuredReply(JsonElement? Value, int Attempts, IReadOnlyList<string> Problems, string? Text)
{
    /// <summary>True when <see cref="Value"/> fits the schema.</summary>
    public bool Valid => Value is not null;
}

/// <summary>Input of the structured-output activity.</summary>
/// <param name="Agent">The agent whose model answers.</param>
/// <param name="Head">The conversation so far (the pattern's own).</param>
/// <param name="Prompt">The new user message.</param>
/// <param name="Schema">The schema.</param>
/// <param name="SchemaName">Its name.</param>
/// <param name="OfferTools">Declare the agent's tools with tool mode none.</param>
/// <param name="Key">Unique per call within the run, for the idempotency key.</param>
public sealed record StructuredCallInput(string Agent, string? Head, string Prompt, JsonElement Schema, string SchemaName, bool OfferTools, string Key);

/// <summary>Output of the structured-output activity.</summary>
/// <param name="Head">The conversation with the prompt and the reply.</param>
/// <param name="Text">The reply's text.</param>
/// <param name="Usage">Tokens and cost.</param>
public sealed record StructuredCallOutput(string Head, string Text, RunUsage Usage);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.Host.Eval;

/// <summary>A cases file: the success rate the eval must reach, and the cases.</summary>
/// <param name="Threshold">The share of cases (0 to 1) that must pass for exit code 0.</param>
/// <param name="Cases">The cases, each run as one agent run.</param>
public sealed record EvalCaseFile(double? Threshold, IReadOnlyList<EvalCase> Cases);

/// <summary>One goal case: which agent, what input, what the run must show, within which budget.</summary>
/// <param name="Name">A unique name (letters, digits, '-'; it becomes part of the run id).</param>
/// <param name="Agent">The agent to run.</param>
/// <param name="Input">The goal as a string, or an object input (as the HTTP API takes it).</param>
public sealed record EvalCase(string Name, string Agent, JsonElement Input)
{
    /// <summary>The failure mode the case provokes (loop, hallucinated-tool, ...), or null for a sample's ordinary goal.</summary>
    public string? FailureMode { get; init; }

    /// <summary>What the run must show.</summary>
    public EvalExpectation Expect { get; init; } = new();

    /// <summary>The limits the run must stay within.</summary>
    public EvalBudget Budget { get; init; } = new();

    /// <summary>What to answer every approval, review or escalation the run (or a sub-run) waits for: approve or reject; none leaves it waiting.</summary>
    public string? Approvals { get; init; }

    /// <summary>The goal text the run starts with.</summary>
    [JsonIgnore]
    public string Goal => Input.ValueKind == JsonValueKind.String ? Input.GetString()! : Input.GetRawText();
}

/// <summary>What a case's run must show to pass.</summary>
public sealed record EvalExpectation
{
    /// <summary>The outcome (Completed, LoopDetected, Rejected, ...).</summary>
    public string Outcome { get; init; } = "Completed";

    /// <summary>Texts the answer must contain (case-insensitive).</summary>
    public IReadOnlyList<string> AnswerContains { get; init; } = [];

    /// <summary>Texts the answer must not contain (case-insensitive).</summary>
    public IReadOnlyList<string> AnswerNotContains { get; init; } = [];

    /// <summary>Tools (or sub-agents) that must have run successfully in the run or its sub-runs.</summary>
    public IReadOnlyList<string> ToolsCalled { get; init; } = [];

    /// <summary>Tools that must never have run (a request the runtime refused is fine).</summary>
    public IReadOnlyList<string> ToolsNotRun { get; init; } = [];

    /// <summary>Tools the run must never even have asked for (a poisoned tool output must not steer the model to them).</summary>
    public IReadOnlyList<string> ToolsNotRequested { get; init; } = [];

    /// <summary>Per tool, an outcome one of its calls must have had (timeout, refused, unknown-tool, invalid-arguments, ...).</summary>
    public IReadOnlyDictionary<string, string> ToolOutcomes { get; init; } = new Dictionary<string, string>();
}

/// <summary>The limits of a case: a run that goes past one fails the case.</summary>
public sealed record EvalBudget
{
    /// <summary>The most steps.</summary>
    public int MaxSteps { get; init; } = 20;

    /// <summary>The most tokens (input and output, sub-runs included).</summary>
    public long MaxTokens { get; init; } = 200_000;

    /// <summary>The most cost in US dollars.</summary>
    public decimal MaxCostUsd { get; init; } = 1m;

    /// <summary>How long the run may take before the case fails as timed out.</summary>
    public int TimeoutSeconds { get; init; } = 120;
}

using DurableAgents.Agents;

namespace DurableAgents.Patterns;

/// <summary>
/// A content pipeline with a human-review gate: research, write, fact-check and format are sub-runs of four agents; after the
/// fact-check a separate confidence call scores the draft, and below <see cref="ConfidenceThreshold"/> a human reviews it (approve,
/// reject, or corrections back to the writer). Each stage is retried up to <see cref="RetriesPerStage"/> times and the draft goes
/// back to the writer at most <see cref="Replans"/> times; past either budget the run ends with a structured error report.
/// </summary>
public sealed record ContentPipelinePattern : AgentPattern
{
    /// <summary>Gathers facts and sources on the topic.</summary>
    public required string Researcher { get; init; }

    /// <summary>Writes the draft from the research (and a reviewer's corrections).</summary>
    public required string Writer { get; init; }

    /// <summary>Checks the draft's claims (search) and numbers (calculator).</summary>
    public required string FactChecker { get; init; }

    /// <summary>Formats the approved draft and saves it.</summary>
    public required string Formatter { get; init; }

    /// <summary>Scores at or above this skip the human review.</summary>
    public double ConfidenceThreshold { get; init; } = 0.85;

    /// <summary>Retries of a stage whose sub-run did not complete.</summary>
    public int RetriesPerStage { get; init; } = 3;

    /// <summary>Times the draft may go back to the writer with corrections.</summary>
    public int Replans { get; init; } = 2;

    /// <summary>How long a review may wait; then the run ends rejected.</summary>
    public TimeSpan ReviewTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The folder (in the formatter's sandbox) the lesson is saved in.</summary>
    public string OutputFolder { get; init; } = "lessons";

    /// <inheritdoc />
    public override string Orchestrator => PatternNames.ContentPipeline;

    /// <inheritdoc />
    public override IEnumerable<string> Agents => [Researcher, Writer, FactChecker, Formatter];
}

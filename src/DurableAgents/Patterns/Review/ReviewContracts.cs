namespace DurableAgents.Patterns;

/// <summary>A request for a human review: the work and why a person must look at it.</summary>
/// <param name="Id">Unique within the run (the pending "call" id the reviewer answers).</param>
/// <param name="Draft">The work to review.</param>
/// <param name="Reason">Why a human must look (for example: confidence 0.55 below 0.85).</param>
public sealed record ReviewRequest(string Id, string Draft, string Reason)
{
    /// <summary>The confidence score that sent it to review, if one did.</summary>
    public double? Confidence { get; init; }

    /// <summary>The reasons given with the score.</summary>
    public string? Reasoning { get; init; }
}

/// <summary>What a reviewer decided.</summary>
public enum ReviewVerdict
{
    /// <summary>The work goes on as it is.</summary>
    Approved,

    /// <summary>The work stops.</summary>
    Rejected,

    /// <summary>The work goes back to its author with corrections.</summary>
    Corrections,

    /// <summary>Nobody decided within the timeout.</summary>
    TimedOut,
}

/// <summary>The outcome of a human review.</summary>
/// <param name="Verdict">Approve, reject, send back with corrections, or no decision in time.</param>
/// <param name="Corrections">What to change, for <see cref="ReviewVerdict.Corrections"/>.</param>
/// <param name="Reviewer">Who decided.</param>
/// <param name="Comment">Why.</param>
/// <param name="DecidedAt">When (UTC, orchestration time).</param>
public sealed record ReviewOutcome(ReviewVerdict Verdict, string? Corrections, string? Reviewer, string? Comment, DateTime DecidedAt);

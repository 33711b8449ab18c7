namespace DurableAgents.Runs.Audit;

/// <summary>
/// One tool call (or hand-off) as a run recorded it when it happened: who asked for what, with which permission, who approved
/// it, and how it ended. Arguments are kept as a digest, so the record proves what was asked without holding the data.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The run that made the call.</summary>
    public required string RunId { get; init; }

    /// <summary>The run's agent.</summary>
    public required string Agent { get; init; }

    /// <summary>The run's step (model call) the call belonged to.</summary>
    public int Step { get; init; }

    /// <summary>The call's id.</summary>
    public required string CallId { get; init; }

    /// <summary>The tool, sub-agent or runtime action called.</summary>
    public required string Tool { get; init; }

    /// <summary>tool, sub-agent, escalation, review or mail.</summary>
    public required string Kind { get; init; }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the call's arguments in canonical JSON (keys sorted, no spaces).</summary>
    public required string ArgumentDigest { get; init; }

    /// <summary>The permission the call ran under: read, write, destructive; sub-agent; human; none for a tool the agent does not have.</summary>
    public required string Permission { get; init; }

    /// <summary>Why a human had to approve the call; null when no approval was needed.</summary>
    public string? ApprovalReason { get; init; }

    /// <summary>approved, rejected, or timed-out; null when no approval was needed.</summary>
    public string? Approval { get; init; }

    /// <summary>Who decided.</summary>
    public string? Approver { get; init; }

    /// <summary>When the decision was applied (UTC, orchestration time).</summary>
    public DateTime? DecidedAt { get; init; }

    /// <summary>How the call ended: ok, error, refused, rejected, timeout, unknown-tool, invalid-arguments, loop-warning, not-run.</summary>
    public required string Outcome { get; init; }

    /// <summary>When the model asked for the call (UTC, orchestration time).</summary>
    public DateTime RequestedAt { get; init; }

    /// <summary>When its result was in (UTC, orchestration time).</summary>
    public DateTime CompletedAt { get; init; }

    /// <summary>The sub-run that did the work, for sub-agent calls.</summary>
    public string? SubRunId { get; init; }
}

/// <summary>A run's audit with its sub-runs'.</summary>
/// <param name="RunId">The run asked for.</param>
/// <param name="Runs">Every run the trail covers: the run, then its sub-runs, breadth first.</param>
/// <param name="Entries">Every entry of those runs, by time.</param>
public sealed record AuditTrail(string RunId, IReadOnlyList<string> Runs, IReadOnlyList<AuditEntry> Entries);

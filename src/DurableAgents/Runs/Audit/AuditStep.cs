namespace DurableAgents.Runs.Audit;

/// <summary>
/// One step's audit record as an agent run stores it inside the conversation segment its next activity writes. It keeps only
/// what the run decided: the run id and agent are the run's own, and the tool and argument digest are read from the call it
/// refers to (the step's assistant message, in the same content-addressed chain), so nothing is stored twice.
/// </summary>
/// <param name="Step">The step (model call) the calls belonged to.</param>
/// <param name="First">True for the run's first record: a reader walking the chain back stops at it (a session's earlier turns are other runs).</param>
/// <param name="RequestedAt">When the model asked for the calls (UTC, orchestration time; kept to the millisecond).</param>
/// <param name="CompletedAt">When the last result was in (UTC, orchestration time; kept to the millisecond).</param>
/// <param name="Calls">The step's calls, in the model's order.</param>
internal sealed record AuditStep(int Step, bool First, DateTime RequestedAt, DateTime CompletedAt, IReadOnlyList<AuditCall> Calls);

/// <summary>One call of an <see cref="AuditStep"/>: an <see cref="AuditEntry"/> without what the run and the call already hold.</summary>
internal sealed record AuditCall(string CallId, string Kind, string Permission, string Outcome)
{
    /// <summary>The sub-run that did the work, for sub-agent calls.</summary>
    public string? SubRunId { get; init; }

    /// <summary>Why a human had to approve the call.</summary>
    public string? ApprovalReason { get; init; }

    /// <summary>approved, rejected, or timed-out.</summary>
    public string? Approval { get; init; }

    /// <summary>Who decided.</summary>
    public string? Approver { get; init; }

    /// <summary>When the decision was applied (UTC, orchestration time; kept to the millisecond).</summary>
    public DateTime? DecidedAt { get; init; }

    /// <summary>The entry as the public API gives it, with what the run and the call hold.</summary>
    public AuditEntry ToEntry(string runId, string agent, int step, string tool, string argumentDigest, DateTime requestedAt, DateTime completedAt) => new()
    {
        RunId = runId,
        Agent = agent,
        Step = step,
        CallId = CallId,
        Tool = tool,
        Kind = Kind,
        ArgumentDigest = argumentDigest,
        Permission = Permission,
        ApprovalReason = ApprovalReason,
        Approval = Approval,
        Approver = Approver,
        DecidedAt = DecidedAt,
        Outcome = Outcome,
        RequestedAt = requestedAt,
        CompletedAt = completedAt,
        SubRunId = SubRunId,
    };
}

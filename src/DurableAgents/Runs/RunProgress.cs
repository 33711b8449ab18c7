namespace DurableAgents.Runs;

/// <summary>
/// What a run keeps for its status between episodes: the decisions it applied (so replays and redeliveries are refused), the
/// sub-runs it started, its audit head. Rebuilt by replay; the run loop and the patterns share it.
/// </summary>
public sealed class RunProgress
{
    /// <summary>Creates progress, carrying decisions, sub-runs and the audit head over from an earlier generation.</summary>
    public RunProgress(IEnumerable<ApprovalRecord>? decisions = null, IEnumerable<SubRunRecord>? subRuns = null, string? auditHead = null)
    {
        Decisions.AddRange(decisions ?? []);
        SubRuns.AddRange(subRuns ?? []);
        AuditHead = auditHead;
    }

    /// <summary>The latest approval decisions applied (at most <see cref="ApprovalRecord.MaxKept"/>), oldest first.</summary>
    public List<ApprovalRecord> Decisions { get; } = [];

    /// <summary>The latest sub-runs (at most <see cref="SubRunRecord.MaxKept"/>).</summary>
    public List<SubRunRecord> SubRuns { get; } = [];

    /// <summary>The audit chain's head.</summary>
    public string? AuditHead { get; set; }

    /// <summary>Keeps a decision the run applied, dropping the oldest beyond the cap.</summary>
    public void Record(ApprovalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Decisions.Add(record);
        if (Decisions.Count > ApprovalRecord.MaxKept)
        {
            Decisions.RemoveAt(0);
        }
    }

    /// <summary>True when a decision with this delivery id or signature was applied already (a replay or a redelivery).</summary>
    public bool WasDelivered(ApprovalDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Decisions.Exists(r =>
            (decision.DeliveryId is { } delivery && r.DeliveryId == delivery)
            || (decision.SignatureId is { } signature && r.SignatureId == signature));
    }

    /// <summary>Notes a sub-run (or its outcome, for one already noted), keeping the newest.</summary>
    public void NoteSubRun(SubRunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var at = SubRuns.FindIndex(s => s.RunId == record.RunId);
        if (at >= 0)
        {
            SubRuns[at] = record;
            return;
        }

        SubRuns.Add(record);
        if (SubRuns.Count > SubRunRecord.MaxKept)
        {
            SubRuns.RemoveAt(0);
        }
    }

    /// <summary>A status in <paramref name="phase"/> with what this progress holds.</summary>
    public AgentRunStatus Status(string phase, int step, RunUsage usage, string? conversation = null) => new()
    {
        Phase = phase,
        Step = step,
        Usage = usage,
        Conversation = conversation,
        Decisions = Decisions.Count == 0 ? null : Decisions.ToList(),
        Audit = AuditHead,
        SubRuns = SubRuns.Count == 0 ? null : SubRuns.ToList(),
    };
}

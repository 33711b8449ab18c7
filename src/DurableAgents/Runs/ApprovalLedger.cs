namespace DurableAgents.Runs;

/// <summary>
/// Reads a run's approval records (from its status) to judge a submission: a replayed signature, a repeated delivery id, unknown
/// call ids, calls someone already decided, and, after the event was raised, what the run made of it.
/// </summary>
internal sealed class ApprovalLedger(AgentRunStatus? status)
{
    private readonly IReadOnlyList<ApprovalRecord> _records = status?.Decisions ?? [];

    /// <summary>The answer when the run has seen this signature or delivery id already; null otherwise.</summary>
    public ApprovalSubmission? Known(ApprovalDecision decision, string? exceptRequestId = null)
    {
        var earlier = _records.Where(r => exceptRequestId is null || r.RequestId != exceptRequestId).ToList();
        if (decision.SignatureId is { } signature && earlier.FirstOrDefault(r => r.SignatureId == signature) is { } replayed)
        {
            return new ApprovalSubmission(ApprovalSubmitStatus.Replayed,
                $"This signed request was already received (applied {replayed.DecidedAt:u}); a signed webhook is accepted once. Sign a new request with a fresh timestamp.",
                replayed);
        }

        if (decision.DeliveryId is { } delivery && earlier.FirstOrDefault(r => r.DeliveryId == delivery) is { } repeated)
        {
            return new ApprovalSubmission(ApprovalSubmitStatus.AlreadyDelivered,
                $"Delivery '{delivery}' was already applied: {Describe(repeated)}.", repeated);
        }

        return null;
    }

    /// <summary>Null when the named calls can be decided; otherwise why not (unknown ids, or all decided by someone else).</summary>
    public ApprovalSubmission? Check(IReadOnlyList<string> named, IReadOnlyList<string> pending)
    {
        var unknown = named.Where(id => !pending.Contains(id, StringComparer.Ordinal) && DecidedBy(id) is null).ToList();
        if (unknown.Count > 0)
        {
            return new ApprovalSubmission(ApprovalSubmitStatus.UnknownCalls,
                $"Unknown call id(s): {string.Join(", ", unknown)}. The run is waiting for: {(pending.Count == 0 ? "no calls" : string.Join(", ", pending))}.");
        }

        return named.All(id => !pending.Contains(id, StringComparer.Ordinal)) ? Superseded(named) : null;
    }

    /// <summary>What the run made of a raised decision, or null while its status does not show it yet.</summary>
    public ApprovalSubmission? Outcome(ApprovalDecision sent)
    {
        if (_records.FirstOrDefault(r => r.RequestId == sent.RequestId) is { } own)
        {
            return own.CallIds.Count > 0
                ? new ApprovalSubmission(ApprovalSubmitStatus.Applied, $"Applied: {Describe(own)}.", own)
                : Superseded(sent.CallIds ?? []);
        }

        // The run drops a replay or redelivery without a record of its own; the record it matched is the answer.
        if (Known(sent, exceptRequestId: sent.RequestId) is { } known)
        {
            return known;
        }

        // Another decision took every call this one named; this one will be dropped when (if ever) the run reads it.
        return sent.CallIds is { Count: > 0 } named && named.All(id => DecidedBy(id) is not null) ? Superseded(named) : null;
    }

    private ApprovalSubmission Superseded(IReadOnlyList<string> named)
    {
        var winners = named.Select(DecidedBy).OfType<ApprovalRecord>().Distinct().ToList();
        var who = winners.Count == 0 ? "an earlier decision" : string.Join("; ", winners.Select(Describe));
        return new ApprovalSubmission(ApprovalSubmitStatus.Superseded,
            $"Nothing changed: the call(s) {string.Join(", ", named)} were already decided ({who}).", winners.FirstOrDefault());
    }

    private ApprovalRecord? DecidedBy(string callId) => _records.LastOrDefault(r => r.CallIds.Contains(callId, StringComparer.Ordinal));

    private static string Describe(ApprovalRecord record) =>
        $"{(record.Approved ? "approved" : "rejected")} {string.Join(", ", record.CallIds)} by {record.Approver ?? "an unnamed approver"} at {record.DecidedAt:u}"
        + (string.IsNullOrWhiteSpace(record.Comment) ? "" : $" ({record.Comment})");
}

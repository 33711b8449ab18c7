using System.Text.Json;
using DurableAgents.Runs;
using DurableAgents.Runs.Audit;

namespace DurableAgents.Patterns;

/// <summary>
/// The human-review gate: the run waits (phase awaiting-approval, holding no thread) for the <c>approval</c> event, with the draft,
/// the score and its reasons as the pending "call", so the approval endpoint, signed webhooks and dashboards work unchanged.
/// </summary>
public sealed partial class PatternRun
{
    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a reviewer: <c>{"approved": true}</c> approves, <c>{"approved": false}</c> rejects,
    /// <c>{"approved": false, "corrections": "..."}</c> sends the work back. Each decision is recorded in the status (so its sender
    /// learns what it decided) and in the audit; a replayed signature or repeated delivery id changes nothing.
    /// </summary>
    public async Task<ReviewOutcome> RequestReviewAsync(ReviewRequest request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = Context.CurrentUtcDateTime;
        var deadline = asked.Add(timeout);
        var arguments = JsonSerializer.SerializeToElement(new { draft = request.Draft, confidence = request.Confidence, reasoning = request.Reasoning });
        while (true)
        {
            Publish(AgentRunNames.AwaitingApprovalPhase, s => s with
            {
                Goal = Input.Goal,
                PendingApprovals = [new PendingApproval(request.Id, PatternNames.ReviewTool, arguments, request.Reason, "human")],
                GatheredSoFar = request.Reasoning,
                ApprovalDeadline = deadline,
            });

            var remaining = deadline - Context.CurrentUtcDateTime;
            ApprovalDecision? decision;
            try
            {
                decision = remaining > TimeSpan.Zero
                    ? await Context.WaitForExternalEvent<ApprovalDecision>(AgentRunNames.ApprovalEvent, remaining)
                    : throw new TaskCanceledException();
            }
            catch (TaskCanceledException)
            {
                var none = new ReviewOutcome(ReviewVerdict.TimedOut, null, null, $"Nobody reviewed it within {timeout}.", Context.CurrentUtcDateTime);
                await AuditReviewAsync(request, none, asked);
                return none;
            }

            // A stray decision (another request's, a replay, a redelivery) decides nothing.
            if (decision is null || Progress.WasDelivered(decision) || (decision.CallIds is { Count: > 0 } ids && !ids.Contains(request.Id)))
            {
                continue;
            }

            var verdict = decision.Approved ? ReviewVerdict.Approved
                : string.IsNullOrWhiteSpace(decision.Corrections) ? ReviewVerdict.Rejected : ReviewVerdict.Corrections;
            var outcome = new ReviewOutcome(verdict, decision.Corrections, decision.Approver, decision.Comment, Context.CurrentUtcDateTime);
            Progress.Record(new ApprovalRecord(decision.RequestId, decision.Approved, decision.Approver, decision.Comment ?? decision.Corrections, [request.Id], outcome.DecidedAt)
            {
                DeliveryId = decision.DeliveryId,
                SignatureId = decision.SignatureId,
            });
            await AuditReviewAsync(request, outcome, asked);
            return outcome;
        }
    }

    private Task AuditReviewAsync(ReviewRequest request, ReviewOutcome outcome, DateTime asked) => AuditAsync(new AuditEntry
    {
        RunId = Context.InstanceId,
        Agent = Definition.Name,
        Step = Step,
        CallId = request.Id,
        Tool = PatternNames.ReviewTool,
        Kind = "review",
        ArgumentDigest = AuditLog.Digest(request.Draft),
        Permission = "human",
        ApprovalReason = request.Reason,
        Approval = outcome.Verdict switch
        {
            ReviewVerdict.Approved => "approved",
            ReviewVerdict.TimedOut => "timed-out",
            _ => "rejected",
        },
        Approver = outcome.Reviewer,
        DecidedAt = outcome.Verdict == ReviewVerdict.TimedOut ? null : outcome.DecidedAt,
        Outcome = outcome.Verdict.ToString().ToLowerInvariant(),
        RequestedAt = asked,
        CompletedAt = outcome.DecidedAt,
    });
}

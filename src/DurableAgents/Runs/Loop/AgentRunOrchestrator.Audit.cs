using DurableAgents.Agents;
using DurableAgents.Runs.Audit;
using Microsoft.DurableTask;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// The audit record: after each step the orchestrator makes one entry per call from what it decided and recorded (the
/// permission, who approved, the outcome, orchestration times), so the record is the run's own account, made as it happened.
/// From revision 2 the step's record rides in the conversation segment the next activity writes (the next model call, or the
/// closing of the conversation); revision 1 runs keep writing it through the audit activity.
/// </summary>
public sealed partial class AgentRunOrchestrator
{
    private static async Task AuditAsync(TaskOrchestrationContext context, RunState state, IReadOnlyList<PlannedCall> planned, DateTime requestedAt)
    {
        if (!state.Audited)
        {
            return; // A run started before audits replays the steps it recorded.
        }

        var completedAt = context.CurrentUtcDateTime;
        var calls = planned.Select(AuditCallOf).ToList();
        if (state.AuditsInConversation)
        {
            state.PendingAudit = AuditStepCodec.Encode(new AuditStep(state.Step, state.AuditHead is null, requestedAt, completedAt, calls));
            return;
        }

        var entries = planned.Select((p, i) => calls[i].ToEntry(context.InstanceId, state.Definition.Name, state.Step, p.Call.Name,
            AuditLog.Digest(p.Signature.Length > 0 ? p.Arguments : p.Call.Arguments), requestedAt, completedAt)).ToList();
        try
        {
            state.AuditHead = await context.AppendAuditAsync(state.AuditHead, entries);
        }
        catch (TaskFailedException failed)
        {
            throw new RunEndedException(AgentRunOutcome.Failed, AuditFailure(failed));
        }
    }

    /// <summary>Notes that the activity given <see cref="RunState.PendingAudit"/> wrote it into the segment <paramref name="head"/>.</summary>
    private static void AuditWritten(RunState state, string? head)
    {
        if (state.PendingAudit is not null)
        {
            state.AuditHead = head;
            state.PendingAudit = null;
        }
    }

    private static string AuditFailure(TaskFailedException failed) =>
        $"The audit record could not be written, so the run stopped: {Inner(failed.FailureDetails).ErrorMessage}";

    private static AuditCall AuditCallOf(PlannedCall call) =>
        new(call.CallId,
            call.IsEscalation ? "escalation" : call.SubAgent is not null ? "sub-agent" : "tool",
            call.IsEscalation ? "human" : call.SubAgent is not null ? "sub-agent" : call.Tool?.Permission.ToString().ToLowerInvariant() ?? "none",
            call.HasResult ? call.Status : "not-run")
        {
            ApprovalReason = call.ApprovalAsked,
            Approval = call.DecisionTimedOut ? "timed-out" : call.Decision is { } d ? (d.Approved ? "approved" : "rejected") : null,
            Approver = call.Decision?.Approver,
            DecidedAt = call.Decision?.DecidedAt,
            SubRunId = call.SubRunId,
        };
}

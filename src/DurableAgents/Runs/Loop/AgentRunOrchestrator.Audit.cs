using DurableAgents.Agents;
using DurableAgents.Runs.Audit;
using Microsoft.DurableTask;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// The audit record: after each step the orchestrator writes one entry per call from what it decided and recorded (the
/// permission, who approved, the outcome, orchestration times), so the record is the run's own account, made as it happened.
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
        var entries = planned.Select(p => Entry(context.InstanceId, state, p, requestedAt, completedAt)).ToList();
        try
        {
            state.AuditHead = await context.AppendAuditAsync(state.AuditHead, entries);
        }
        catch (TaskFailedException failed)
        {
            throw new RunEndedException(AgentRunOutcome.Failed,
                $"The audit record could not be written, so the run stopped: {Inner(failed.FailureDetails).ErrorMessage}");
        }
    }

    private static AuditEntry Entry(string runId, RunState state, PlannedCall call, DateTime requestedAt, DateTime completedAt) => new()
    {
        RunId = runId,
        Agent = state.Definition.Name,
        Step = state.Step,
        CallId = call.CallId,
        Tool = call.Call.Name,
        Kind = call.IsEscalation ? "escalation" : call.SubAgent is not null ? "sub-agent" : "tool",
        ArgumentDigest = AuditLog.Digest(call.Signature.Length > 0 ? call.Arguments : call.Call.Arguments),
        Permission = call.IsEscalation ? "human" : call.SubAgent is not null ? "sub-agent" : call.Tool?.Permission.ToString().ToLowerInvariant() ?? "none",
        ApprovalReason = call.ApprovalAsked,
        Approval = call.DecisionTimedOut ? "timed-out" : call.Decision is { } d ? (d.Approved ? "approved" : "rejected") : null,
        Approver = call.Decision?.Approver,
        DecidedAt = call.Decision?.DecidedAt,
        Outcome = call.HasResult ? call.Status : "not-run",
        RequestedAt = requestedAt,
        CompletedAt = completedAt,
        SubRunId = call.SubRunId,
    };
}

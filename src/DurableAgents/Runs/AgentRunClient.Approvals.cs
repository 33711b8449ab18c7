using DurableAgents.Durability;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Runs;

/// <summary>Delivers approvals: checks them against what the run is waiting for, then waits briefly to learn what the run decided.</summary>
public sealed partial class AgentRunClient
{
    /// <summary>How long <see cref="SubmitApprovalAsync"/> waits for the run to apply a decision before answering <see cref="ApprovalSubmitStatus.Delivered"/>.</summary>
    public TimeSpan ApprovalOutcomeWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Delivers a decision to a run that is awaiting approval (or escalated). Unknown call ids, calls already decided, replayed
    /// signatures and repeated delivery ids are answered without changing the run; otherwise the decision is raised as the
    /// <c>approval</c> event and the answer says what the run made of it (or <see cref="ApprovalSubmitStatus.Delivered"/> when the
    /// run has not applied it within <see cref="ApprovalOutcomeWait"/>, for example because it is suspended).
    /// </summary>
    public async Task<ApprovalSubmission> SubmitApprovalAsync(string runId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var run = await GetRunAsync(runId, includeToolCalls: false, cancellationToken);
        if (run is null)
        {
            return new ApprovalSubmission(ApprovalSubmitStatus.RunNotFound, $"No agent run with id '{runId}' exists.");
        }

        var ledger = new ApprovalLedger(run.Status);
        if (ledger.Known(decision) is { } known)
        {
            return known;
        }

        if (run.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            || run.Status?.Phase is not (AgentRunNames.AwaitingApprovalPhase or AgentRunNames.EscalatedPhase))
        {
            return new ApprovalSubmission(ApprovalSubmitStatus.NotAwaitingApproval,
                $"Run '{runId}' is not awaiting approval (it is {run.RuntimeStatus}, phase '{run.Status?.Phase ?? "unknown"}').");
        }

        // Bind the decision to the calls pending now, so a late duplicate cannot decide a later approval request.
        var pending = run.Status.PendingApprovals?.Select(p => p.CallId).ToList() ?? [];
        var named = decision.CallIds is { Count: > 0 } ids ? ids : pending;
        if (ledger.Check(named, pending) is { } refused)
        {
            return refused;
        }

        var sent = decision with { CallIds = named, RequestId = decision.RequestId ?? Guid.NewGuid().ToString("N") };
        await client.RaiseEventAsync(runId, AgentRunNames.ApprovalEvent, sent, cancellationToken);
        return await AwaitOutcomeAsync(runId, sent, cancellationToken);
    }

    /// <summary>Polls the run's status until it shows what became of the decision, or the wait ends.</summary>
    private async Task<ApprovalSubmission> AwaitOutcomeAsync(string runId, ApprovalDecision sent, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ApprovalOutcomeWait;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var run = await GetRunAsync(runId, includeToolCalls: false, cancellationToken);
            if (new ApprovalLedger(run?.Status).Outcome(sent) is { } outcome)
            {
                return outcome;
            }

            if (run is null || run.RuntimeStatus.IsTerminal() || DateTime.UtcNow >= deadline)
            {
                return new ApprovalSubmission(ApprovalSubmitStatus.Delivered,
                    $"The decision was delivered to run '{runId}'; it has not applied it yet (the run is {run?.RuntimeStatus.ToString() ?? "gone"}). "
                    + "GET the run to see its decisions.");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}

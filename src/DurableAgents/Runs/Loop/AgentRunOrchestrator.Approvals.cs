using System.Text.Json;
using DurableAgents.Agents;
using Microsoft.DurableTask;
using DurableAgents.Runs.Activities;

namespace DurableAgents.Runs.Loop;

/// <summary>The approval wait: a durable external-event wait with a durable deadline; no thread is held while it waits.</summary>
public sealed partial class AgentRunOrchestrator
{
    private static async Task AwaitApprovalsAsync(TaskOrchestrationContext context, RunState state, List<PlannedCall> calls)
    {
        var policy = state.Policy;
        var undecided = calls.ToDictionary(c => c.CallId, StringComparer.Ordinal);
        var deadline = context.CurrentUtcDateTime.Add(policy.ApprovalTimeout);
        var escalated = false;
        var gathered = state.GatheredSoFar(await RecentToolCallsAsync(context, state));
        while (undecided.Count > 0)
        {
            context.SetCustomStatus(state.Status(escalated ? AgentRunNames.EscalatedPhase : AgentRunNames.AwaitingApprovalPhase) with
            {
                Goal = state.Input.Goal,
                PendingApprovals = undecided.Values.Select(ToPending).ToList(),
                GatheredSoFar = gathered,
                ApprovalDeadline = escalated ? null : deadline,
            });

            ApprovalDecision? decision;
            if (escalated)
            {
                decision = await context.WaitForExternalEvent<ApprovalDecision>(AgentRunNames.ApprovalEvent);
            }
            else
            {
                var remaining = deadline - context.CurrentUtcDateTime;
                try
                {
                    decision = remaining > TimeSpan.Zero
                        ? await context.WaitForExternalEvent<ApprovalDecision>(AgentRunNames.ApprovalEvent, remaining)
                        : throw new TaskCanceledException();
                }
                catch (TaskCanceledException)
                {
                    if (policy.OnApprovalTimeout == ApprovalTimeoutAction.Escalate)
                    {
                        escalated = true;
                        continue;
                    }

                    foreach (var call in undecided.Values)
                    {
                        Reject(state, call, $"nobody decided within the approval timeout of {policy.ApprovalTimeout}, so the call was rejected");
                    }

                    return;
                }
            }

            Apply(context, state, undecided, decision);
        }
    }

    /// <summary>
    /// The latest tool calls: a first generation has them all in memory; a later one reads them from the conversation, so no
    /// result text is carried from one generation to the next (and a history written before generations replays unchanged).
    /// </summary>
    private static async Task<IReadOnlyList<ToolCallRecord>> RecentToolCallsAsync(TaskOrchestrationContext context, RunState state)
    {
        if (state.Generation == 0)
        {
            return state.RecentToolCalls;
        }

        try
        {
            return await context.CallActivityAsync<IReadOnlyList<ToolCallRecord>>(RecentToolCallsActivity.Name, new RecentToolCallsInput(state.Head));
        }
        catch (TaskFailedException)
        {
            return state.RecentToolCalls; // This generation's calls still give the approver something.
        }
    }

    /// <summary>
    /// Applies a decision to the calls it names (all undecided ones when it names none); others stay pending. The decision is
    /// recorded in the status, so its sender can see what it decided; a replayed signature or a repeated delivery id changes nothing.
    /// </summary>
    private static void Apply(TaskOrchestrationContext context, RunState state, Dictionary<string, PlannedCall> undecided, ApprovalDecision? decision)
    {
        if (decision is null || state.WasDelivered(decision))
        {
            return;
        }

        var named = decision.CallIds is { Count: > 0 } ids ? ids : undecided.Keys.ToList();
        var decided = new List<string>();
        foreach (var id in named)
        {
            // A call decided earlier (or never pending) is not in the set: duplicates and strays decide nothing.
            if (!undecided.Remove(id, out var call))
            {
                continue;
            }

            decided.Add(id);
            if (decision.Approved)
            {
                call.ApprovalReason = null;
                continue;
            }

            var who = string.IsNullOrWhiteSpace(decision.Approver) ? "a human" : decision.Approver;
            var why = string.IsNullOrWhiteSpace(decision.Comment) ? "no reason given" : decision.Comment;
            Reject(state, call, $"rejected by {who}: {why}");
        }

        state.Record(new ApprovalRecord(decision.RequestId, decision.Approved, decision.Approver, decision.Comment, decided, context.CurrentUtcDateTime)
        {
            DeliveryId = decision.DeliveryId,
            SignatureId = decision.SignatureId,
        });
    }

    private static void Reject(RunState state, PlannedCall call, string why)
    {
        state.Rejected[RunState.KeyOf(call.Signature)] = why;
        call.Resolve("rejected",
            $"The call to '{call.Call.Name}' was not run: {why}. Do not retry it; continue without it or answer with what you have.",
            state.Policy.MaxToolResultChars);
    }

    private static PendingApproval ToPending(PlannedCall call) => new(
        call.CallId,
        call.Call.Name,
        JsonDocument.Parse(call.Arguments).RootElement.Clone(),
        call.ApprovalReason ?? "",
        (call.Tool?.Permission ?? ToolPermission.Read).ToString().ToLowerInvariant());
}

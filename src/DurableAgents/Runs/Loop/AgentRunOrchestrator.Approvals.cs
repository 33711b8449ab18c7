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
        var gathered = state.GatheredSoFar(await RecentToolCallsAsync(context, state));
        // A model's own escalation is escalated from the start (and times out as a decline); a timeout may escalate the rest.
        var asked = calls.Where(c => c.IsEscalation).ToList();
        var escalation = asked.Count == 0 ? null : new EscalationRecord(state.Input.Goal, Tried(gathered, asked), string.Join(" ", asked.Select(c => c.ApprovalReason)), context.CurrentUtcDateTime);
        var escalated = false;
        while (undecided.Count > 0)
        {
            var phase = escalated || escalation is not null ? AgentRunNames.EscalatedPhase : AgentRunNames.AwaitingApprovalPhase;
            context.SetCustomStatus(state.Status(phase) with
            {
                Goal = state.Input.Goal,
                PendingApprovals = undecided.Values.Select(ToPending).ToList(),
                GatheredSoFar = gathered,
                ApprovalDeadline = escalated ? null : deadline,
                Escalation = escalation,
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
                        escalation ??= new EscalationRecord(state.Input.Goal, gathered,
                            $"Nobody decided on {string.Join(", ", undecided.Values.Select(c => $"'{c.Call.Name}'"))} within the approval timeout of {policy.ApprovalTimeout}; the policy escalates to a human.",
                            context.CurrentUtcDateTime);
                        continue;
                    }

                    foreach (var call in undecided.Values)
                    {
                        call.DecisionTimedOut = true;
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
        if (decision is null || state.Progress.WasDelivered(decision))
        {
            return;
        }

        var named = decision.CallIds is { Count: > 0 } ids ? ids : undecided.Keys.ToList();
        var decided = new List<PlannedCall>();
        foreach (var id in named)
        {
            // A call decided earlier (or never pending) is not in the set: duplicates and strays decide nothing.
            if (undecided.Remove(id, out var call))
            {
                decided.Add(call);
            }
        }

        var record = new ApprovalRecord(decision.RequestId, decision.Approved, decision.Approver, decision.Comment ?? decision.Corrections,
            decided.Select(c => c.CallId).ToList(), context.CurrentUtcDateTime)
        {
            DeliveryId = decision.DeliveryId,
            SignatureId = decision.SignatureId,
        };
        foreach (var call in decided)
        {
            call.Decision = record;
            if (decision.Approved)
            {
                call.ApprovalReason = null;
                continue;
            }

            var who = string.IsNullOrWhiteSpace(decision.Approver) ? "a human" : decision.Approver;
            var why = string.IsNullOrWhiteSpace(record.Comment) ? "no reason given" : record.Comment;
            Reject(state, call, $"{(call.IsEscalation ? "declined" : "rejected")} by {who}: {why}");
        }

        state.Progress.Record(record);
    }

    /// <summary>Who decided what, for the approval span (only with sensitive data on: names and comments are personal data).</summary>
    private static string DescribeDecision(ApprovalRecord record) =>
        $"{(record.Approved ? "approved" : "rejected")} by {record.Approver ?? "unnamed"}: {record.Comment ?? "no comment"}";

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
        call.IsEscalation ? "human" : (call.Tool?.Permission ?? ToolPermission.Read).ToString().ToLowerInvariant());

    /// <summary>What was tried: the run's account, then the model's own (its <c>tried</c> argument).</summary>
    private static string Tried(string gathered, IEnumerable<PlannedCall> escalations)
    {
        var told = escalations.Select(c => JsonDocument.Parse(c.Arguments).RootElement)
            .Select(a => a.TryGetProperty("tried", out var t) ? t.GetString() : null).OfType<string>().Where(t => t.Length > 0).ToList();
        return told.Count == 0 ? gathered : $"{gathered}\nThe agent says it tried: {string.Join(" ", told)}";
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using DurableAgents.Runs;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// A test-only stand-in for the AgentRun orchestration: it reports an AgentRunStatus, waits for an approval when its goal
/// says "delete", waits for a "go" event when its goal says "wait", and returns an AgentRunResult.
/// </summary>
public static class StandInAgentRun
{
    public const string RecordActivity = "StandIn.Record";

    /// <summary>Every run start, by run id (a double fire shows as a count above one).</summary>
    public static readonly ConcurrentDictionary<string, int> Starts = new();

    /// <summary>
    /// Registers the stand-in ahead of everything else: AddDurableAgents adds the real AgentRun only when none is registered,
    /// so a registration that runs first takes its place. Call it on the service collection before or after AddDurableAgents.
    /// </summary>
    public static void Install(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<DurableTaskRegistry>>(
            new ConfigureNamedOptions<DurableTaskRegistry>(Options.DefaultName, Register)));

    private static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<AgentRunInput, AgentRunResult>(AgentRunNames.Orchestrator, RunAsync);
        registry.AddActivityFunc<string, bool>(RecordActivity, (_, runId) => Starts.AddOrUpdate(runId, 1, (_, n) => n + 1) > 0);
    }

    private static async Task<AgentRunResult> RunAsync(TaskOrchestrationContext context, AgentRunInput input)
    {
        await context.CallActivityAsync<bool>(RecordActivity, context.InstanceId);
        var usage = new RunUsage(100, 20, 0.002m);
        context.SetCustomStatus(new AgentRunStatus { Phase = "calling-model", Step = 1, Usage = usage, Goal = input.Goal });
        var calls = new List<ToolCallRecord>();
        if (input.Goal.Contains("wait", StringComparison.OrdinalIgnoreCase))
        {
            await context.WaitForExternalEvent<JsonElement>("go");
        }

        if (input.Goal.Contains("delete", StringComparison.OrdinalIgnoreCase))
        {
            using var args = JsonDocument.Parse("{\"filter\":\"inactive\"}");
            context.SetCustomStatus(new AgentRunStatus
            {
                Phase = AgentRunNames.AwaitingApprovalPhase,
                Step = 1,
                Usage = usage,
                Goal = input.Goal,
                PendingApprovals = [new PendingApproval("call-1", "delete_records", args.RootElement.Clone(), "destructive tool", "Destructive")],
            });
            var decision = await context.WaitForExternalEvent<ApprovalDecision>(AgentRunNames.ApprovalEvent);
            // Like the real run, record the decision in the status so the submitter learns what it decided.
            var record = new ApprovalRecord(decision.RequestId, decision.Approved, decision.Approver, decision.Comment, ["call-1"], context.CurrentUtcDateTime)
            {
                DeliveryId = decision.DeliveryId,
                SignatureId = decision.SignatureId,
            };
            context.SetCustomStatus(new AgentRunStatus { Phase = "running-tools", Step = 1, Usage = usage, Goal = input.Goal, Decisions = [record] });
            calls.Add(new ToolCallRecord("call-1", "delete_records", "{\"filter\":\"inactive\"}", decision.Approved ? "ok" : "rejected", "Deleted 2 record(s).", 1));
            if (!decision.Approved)
            {
                return new AgentRunResult { Outcome = AgentRunOutcome.Rejected, Steps = 1, Usage = usage, ToolCalls = calls, Reason = decision.Comment };
            }
        }

        return new AgentRunResult { Outcome = AgentRunOutcome.Completed, Answer = "stand-in answer: " + input.Goal, Steps = 2, Usage = usage, ToolCalls = calls };
    }
}

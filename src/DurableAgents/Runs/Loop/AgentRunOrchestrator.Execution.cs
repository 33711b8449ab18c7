using Microsoft.DurableTask;
using DurableAgents.Durability;
using DurableAgents.Runs.Activities;
using DurableAgents.Telemetry;

namespace DurableAgents.Runs.Loop;

/// <summary>Running calls: tool activities with durable timeouts and retries, and sub-agents as sub-orchestrations.</summary>
public sealed partial class AgentRunOrchestrator
{
    private static async Task ExecuteAsync(TaskOrchestrationContext context, RunState state, PlannedCall call)
    {
        if (call.SubAgent is not null)
        {
            await RunSubAgentAsync(context, state, call);
            return;
        }

        if (call.IsEscalation)
        {
            // Nothing runs: the human's answer is the result.
            var who = string.IsNullOrWhiteSpace(call.Decision?.Approver) ? "A human" : $"A human ({call.Decision!.Approver})";
            var answer = string.IsNullOrWhiteSpace(call.Decision?.Comment) ? "go ahead with what you have." : call.Decision!.Comment;
            call.Resolve("ok", $"{who} took the escalation and answered: {answer}", state.Policy.MaxToolResultChars);
            return;
        }

        var tool = call.Tool!;
        var policy = state.Policy;
        var timeout = tool.Timeout ?? policy.ToolTimeout;
        var cap = tool.MaxResultChars ?? policy.MaxToolResultChars;
        var input = new ToolCallInput(state.Definition.Name, tool.Name, call.CallId, call.Arguments, cap, state.Step)
        {
            TraceParent = state.Input.TraceParent,
            Session = state.Input.Session,
            User = state.Input.User,
        };
        var attempts = tool.IsIdempotent ? Math.Max(1, policy.ToolCallAttempts) : 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The timeout is a durable timer: after a crash the deadline is still the one recorded in history.
                var output = await context.WithTimeout(context.CallActivityAsync<ToolCallOutput>(ToolCallActivity.Name, input), timeout, $"Tool '{tool.Name}'");
                call.ResolveStored(output);
                state.PendingStoredChars += output.Chars;
                return;
            }
            catch (TimeoutException)
            {
                call.Resolve("timeout",
                    $"The tool '{tool.Name}' did not finish within its timeout of {timeout} and was abandoned. Its effect, if any, is unknown. "
                    + "Try something else or answer with what you have.", cap);
                return;
            }
            catch (TaskFailedException failed)
            {
                if (attempt >= attempts || failed.FailureDetails.IsCausedBy<NonRetriableException>() || !state.TrySpendRetry())
                {
                    call.Resolve("error",
                        $"The tool '{tool.Name}' failed after {attempt} attempt(s): {Inner(failed.FailureDetails).ErrorMessage}", cap);
                    return;
                }

                await RetryTimerAsync(context, state, "tool_retry", Backoff(policy.ToolRetryFirstInterval, attempt, null));
            }
        }
    }

    private static async Task RunSubAgentAsync(TaskOrchestrationContext context, RunState state, PlannedCall call)
    {
        var cap = state.Policy.MaxToolResultChars;
        var task = System.Text.Json.JsonDocument.Parse(call.Arguments).RootElement.GetProperty("task").GetString() ?? "";
        call.SubRunId = SubAgentInstanceId(context.InstanceId, state.Step, call.Index);
        var label = $"step {state.Step}, call {call.Index + 1}";
        state.Progress.NoteSubRun(new SubRunRecord(call.SubRunId, call.SubAgent!, label));
        context.SetCustomStatus(state.Status("running-tools"));
        try
        {
            var result = await context.CallSubOrchestratorAsync<AgentRunResult>(
                AgentRunNames.Orchestrator, AgentRunInput.Start(call.SubAgent!, task, state.Input.Depth + 1) with
                {
                    TraceParent = state.Input.TraceParent,
                    RecallLessons = state.SubAgentLessons(call.SubAgent!),
                    Session = state.Input.Session, // a sub-agent's facts of a session turn belong to the session too
                    User = state.Input.User, // and those of a user's run to the user
                },
                new SubOrchestrationOptions { InstanceId = call.SubRunId });
            state.Progress.NoteSubRun(new SubRunRecord(call.SubRunId, call.SubAgent!, label, result.Outcome));
            state.Usage += result.Usage;
            var status = result.Outcome == AgentRunOutcome.Completed ? "ok" : "error";
            var reason = result.Reason is null ? "" : $" ({result.Reason})";
            call.Resolve(status, $"Sub-agent '{call.SubAgent}' ended with {result.Outcome}{reason} after {result.Steps} step(s). Its answer:\n{result.Answer}", cap);
        }
        catch (TaskFailedException failed)
        {
            state.Progress.NoteSubRun(new SubRunRecord(call.SubRunId, call.SubAgent!, label, AgentRunOutcome.Failed));
            call.Resolve("error", $"Sub-agent '{call.SubAgent}' failed: {Inner(failed.FailureDetails).ErrorMessage}", cap);
        }
    }

    /// <summary>
    /// A child id unique across the run's history generations (a generated GUID is not: it derives from the orchestration clock
    /// and a counter that restarts with each generation).
    /// </summary>
    internal static string SubAgentInstanceId(string parent, int step, int index)
    {
        var id = $"{parent}:s{step}.{index}";
        return id.Length <= RunIds.MaxLength ? id : Conversation.ContentId.Of(id);
    }

    /// <summary>
    /// Adds what the model never saw (the last step's results when a limit ended the run) and the last step's audit record when no
    /// model call wrote it, so the record is whole; the result with the conversation's and the audit's heads.
    /// </summary>
    private static async Task<AgentRunResult> CloseConversationAsync(TaskOrchestrationContext context, RunState state, AgentRunResult result)
    {
        if (state.Pending.Count == 0 && state.PendingAudit is null)
        {
            return result with { Conversation = state.Head };
        }

        var input = new CloseConversationInput(state.Head, state.Pending) { Audit = state.PendingAudit };
        try
        {
            // The audit record must be written (retried, as the audit activity is); the messages alone may be lost.
            var head = await context.CallActivityAsync<string>(CloseConversationActivity.Name, input, state.PendingAudit is null ? null : Audit.AuditWriter.Retries);
            AuditWritten(state, head);
            return result with { Conversation = head, Audit = state.AuditHead };
        }
        catch (TaskFailedException failed) when (state.PendingAudit is not null)
        {
            return state.Result(AgentRunOutcome.Failed, result.Answer, AuditFailure(failed)) with { Conversation = state.Head };
        }
        catch (TaskFailedException)
        {
            return result with { Conversation = state.Head }; // The record then lacks the last step's results; the run's outcome stands.
        }
    }

    private static async Task<ModelCallOutput> CallModelAsync(TaskOrchestrationContext context, RunState state, ModelCallInput input) =>
        await WithModelRetriesAsync(context, state, () => context.CallActivityAsync<ModelCallOutput>(ModelCallActivity.Name, input));

    private static async Task<CompactOutput> CompactAsync(TaskOrchestrationContext context, RunState state, string? head, List<NewMessage> pending)
    {
        var input = new CompactInput(state.Definition.Name, head, pending, KeepRecentMessagesOnCompaction) { TraceParent = state.Input.TraceParent };
        var output = await WithModelRetriesAsync(context, state, () => context.CallActivityAsync<CompactOutput>(CompactActivity.Name, input));
        state.Usage += output.Usage;
        return output;
    }

    /// <summary>Durable retry of a model activity, spending the run's retry budget; its back-off timers are traced.</summary>
    private static Task<T> WithModelRetriesAsync<T>(TaskOrchestrationContext context, RunState state, Func<Task<T>> call) =>
        ModelRetries.CallAsync(context, state.Policy, state.TrySpendRetry, call, wait => RetryTimerAsync(context, state, "model_retry", wait));

    /// <summary>A durable back-off timer, traced once it fires.</summary>
    private static async Task RetryTimerAsync(TaskOrchestrationContext context, RunState state, string reason, TimeSpan wait)
    {
        var started = context.CurrentUtcDateTime;
        var fireAt = started.Add(wait);
        await context.CreateTimer(fireAt, CancellationToken.None);
        RunSpans.EmitTimer(context, state.Input.TraceParent, state.Definition.Name, reason, started, fireAt);
    }

    /// <summary>first * 2^(attempt-1), at least the server's Retry-After, at most 10 minutes.</summary>
    internal static TimeSpan Backoff(TimeSpan first, int attempt, TimeSpan? retryAfter) => ModelRetries.Backoff(first, attempt, retryAfter);

    private static TaskFailureDetails Inner(TaskFailureDetails failure) => ModelRetries.Inner(failure);
}

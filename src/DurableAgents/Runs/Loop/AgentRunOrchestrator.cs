using DurableAgents.Agents;
using Microsoft.DurableTask;
using DurableAgents.Runs.Activities;
using DurableAgents.Telemetry;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// The agent run: model call -> validate tool calls -> approval where needed -> run approved calls in parallel -> append results
/// -> repeat, until the model answers or a limit ends the run. The conversation lives in the conversation store; this code holds
/// only its head id and what activities returned, so replay is cheap; every <see cref="AgentPolicy.ContinueAsNewEvery"/> steps
/// it continues as new with a small carried state, so its history stays bounded however long it runs.
/// </summary>
public sealed partial class AgentRunOrchestrator(IAgentCatalog catalog, AgentTelemetry? telemetry = null) : TaskOrchestrator<AgentRunInput, AgentRunResult>
{
    // Metrics and spans are recorded only while the code runs forward (never on replay), so each happens once per decision.
    private readonly AgentTelemetry _telemetry = telemetry ?? AgentTelemetry.Shared;

    /// <summary>Newest messages kept verbatim when the conversation is compacted.</summary>
    internal const int KeepRecentMessagesOnCompaction = 6;

    public override async Task<AgentRunResult> RunAsync(TaskOrchestrationContext context, AgentRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || catalog.Find(input.Agent) is not { } definition)
        {
            var reason = input is null ? "The run has no input." : new AgentNotFoundException(input.Agent).Message;
            context.SetCustomStatus(new AgentRunStatus { Phase = "finished" });
            Finished(context, input?.Agent ?? "unknown", AgentRunOutcome.Failed);
            return new AgentRunResult { Outcome = AgentRunOutcome.Failed, Reason = reason };
        }

        if (input.Depth > 0 && input.Continuation is null && !context.IsReplaying)
        {
            _telemetry.RunStarted(definition.Name); // a sub-agent's run (top-level runs are counted by the run client)
        }

        var state = new RunState(input, definition, catalog);
        AgentRunResult result;
        try
        {
            if (input.RecallLessons && input.Continuation is null)
            {
                state.Lessons = await RecallLessonsAsync(context, state);
            }

            if (await LoopAsync(context, state) is not { } finished)
            {
                return new AgentRunResult { Outcome = AgentRunOutcome.Completed, Steps = state.Step }; // continued as new: not an output
            }

            result = finished;
        }
        catch (RunEndedException ended)
        {
            result = state.Result(ended.Outcome, null, ended.Message);
        }

        result = await CloseConversationAsync(context, state, result);
        if (definition.Policy.Memory.RecordEpisodes)
        {
            // Last, after everything a run recorded before memory existed, so such a run replays unchanged and records at its end.
            result = result with { Episode = await RecordEpisodeAsync(context, state, result) };
        }

        context.SetCustomStatus(state.Status("finished"));
        Finished(context, definition.Name, result.Outcome);
        return result;
    }

    private void Finished(TaskOrchestrationContext context, string agent, AgentRunOutcome outcome)
    {
        if (!context.IsReplaying)
        {
            _telemetry.RunCompleted(agent, outcome);
        }
    }

    private void StepFinished(TaskOrchestrationContext context, RunState state, DateTime startedUtc)
    {
        if (!context.IsReplaying)
        {
            _telemetry.StepFinished(state.Definition.Name, context.CurrentUtcDateTime - startedUtc);
        }
    }

    /// <summary>Runs steps until the run ends (its result) or the history generation is full (null: it continued as new).</summary>
    private async Task<AgentRunResult?> LoopAsync(TaskOrchestrationContext context, RunState state)
    {
        var policy = state.Policy;
        while (true)
        {
            if (state.Step >= policy.MaxSteps)
            {
                throw new RunEndedException(AgentRunOutcome.StepLimit, $"The run used its step limit of {policy.MaxSteps} model calls.");
            }

            // Only at the end of what history recorded: a history written before this rule replays as it was and turns over later.
            if (policy.ContinueAsNewEvery > 0 && state.StepsThisGeneration >= policy.ContinueAsNewEvery && !context.IsReplaying)
            {
                context.ContinueAsNew(state.Input with { Continuation = state.Continue() });
                return null;
            }

            if (policy.RestateGoalEvery > 0 && state.Step > 0 && state.Step % policy.RestateGoalEvery == 0)
            {
                state.Pending.Add(NewMessage.User(AgentRunPrompts.GoalReminder(state.Input.Goal, state.Step)));
            }

            var pendingTokens = state.Pending.Sum(m => m.InlineChars) / 4 + state.PendingStoredChars / 4;
            if (state.ConversationTokens + pendingTokens > policy.ContextBudgetTokens)
            {
                context.SetCustomStatus(state.Status("compacting"));
                var compacted = await CompactAsync(context, state, state.Head, state.Pending);
                state.Head = compacted.Head;
                state.Pending = [];
                state.ConversationTokens = compacted.ConversationTokens;
            }

            state.PendingStoredChars = 0;
            context.SetCustomStatus(state.Status("calling-model"));
            var stepStarted = context.CurrentUtcDateTime;
            var reply = await CallModelAsync(context, state, new ModelCallInput(state.Definition.Name, state.Input.Depth, state.Head, state.Pending, state.Step + 1)
            {
                TraceParent = state.Input.TraceParent,
                Lessons = state.Lessons?.ContentId,
                Audit = state.PendingAudit,
            });
            AuditWritten(state, reply.Head);
            state.Step++;
            state.StepsThisGeneration++;
            state.Usage += reply.Usage;
            state.ConversationTokens = reply.ConversationTokens;
            state.Head = reply.Head;
            state.Pending = [];
            if (reply.Text is not null)
            {
                state.LastText = reply.Text;
            }

            if (reply.ToolCalls.Count == 0)
            {
                StepFinished(context, state, stepStarted);
                return state.RejectionOfLastStep is { } rejection
                    ? state.Result(AgentRunOutcome.Rejected, reply.Text, rejection)
                    : state.Result(AgentRunOutcome.Completed, reply.Text, null);
            }

            CheckBudgets(state);
            state.Pending = await RunStepAsync(context, state, reply.ToolCalls);
            StepFinished(context, state, stepStarted);
        }
    }

    /// <summary>Stops before running tools once a token or cost budget is used up (an answer is still accepted).</summary>
    private static void CheckBudgets(RunState state)
    {
        var policy = state.Policy;
        var tokens = state.Usage.InputTokens + state.Usage.OutputTokens;
        if (policy.MaxTotalTokens is { } maxTokens && tokens >= maxTokens)
        {
            throw new RunEndedException(AgentRunOutcome.TokenBudget, $"The run used {tokens} tokens of its budget of {maxTokens}.");
        }

        if (policy.MaxCostUsd is { } maxCost && state.Usage.CostUsd >= maxCost)
        {
            throw new RunEndedException(AgentRunOutcome.CostBudget, $"The run cost {state.Usage.CostUsd} USD of its budget of {maxCost} USD.");
        }
    }

    /// <summary>One step's tool calls: validate, approve, run in parallel, audit; returns the results in the model's call order.</summary>
    private async Task<List<NewMessage>> RunStepAsync(TaskOrchestrationContext context, RunState state, IReadOnlyList<ModelToolCall> calls)
    {
        var requestedAt = context.CurrentUtcDateTime;
        var planned = calls.Select((c, i) => new PlannedCall(c) { Index = i }).ToList();
        try
        {
            foreach (var call in planned)
            {
                Validate(state, call);
            }
        }
        catch (RunEndedException)
        {
            await AuditAsync(context, state, planned, requestedAt); // The calls that did not run are on the record too.
            throw;
        }

        var needApproval = planned.Where(p => !p.HasResult && p.ApprovalReason is not null).ToList();
        if (needApproval.Count > 0)
        {
            var waitStarted = context.CurrentUtcDateTime;
            await AwaitApprovalsAsync(context, state, needApproval);
            RunSpans.EmitApprovalWait(context, state.Input.TraceParent, state.Definition.Name, waitStarted,
                needApproval.Select(c => c.Call.Name).ToList(), needApproval.Count(c => c.ApprovalReason is null),
                () => _telemetry.EnableSensitiveData ? state.Progress.Decisions.Where(d => d.DecidedAt >= waitStarted).Select(DescribeDecision).ToList() : []);
        }

        var runnable = planned.Where(p => !p.HasResult).ToList();
        if (runnable.Count > 0)
        {
            context.SetCustomStatus(state.Status("running-tools"));
            await Task.WhenAll(runnable.Select(p => ExecuteAsync(context, state, p)));
        }

        var rejected = planned.Where(p => p.Status == "rejected").ToList();
        state.RejectionOfLastStep = rejected.Count > 0 && !planned.Any(p => p.Status == "ok")
            ? $"A human rejected {string.Join(", ", rejected.Select(r => $"'{r.Call.Name}'"))}: {string.Join(" ", rejected.Select(r => r.RecordText))}"
            : null;

        foreach (var call in planned)
        {
            state.AddToolCall(new ToolCallRecord(call.CallId, call.Call.Name, call.Call.Arguments, call.Status, call.RecordText, state.Step));
            if (!context.IsReplaying)
            {
                _telemetry.ToolCallDecided(state.Definition.Name, call.Call.Name, call.Status);
            }
        }

        await AuditAsync(context, state, planned, requestedAt);
        return planned.Select(p => p.Result!).ToList();
    }
}

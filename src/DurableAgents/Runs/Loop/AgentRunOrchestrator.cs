using DurableAgents.Agents;
using DurableAgents.Orchestration;
using DurableAgents.Runs.Activities;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// The agent run: model call -> validate tool calls -> approval where needed -> run approved calls in parallel -> append results
/// -> repeat, until the model answers or a limit ends the run. The conversation lives in the conversation store; this code holds
/// only its head id and what activities returned, so replay is cheap and history grows with each step's new content.
/// </summary>
internal sealed partial class AgentRunOrchestrator(IAgentCatalog catalog) : TaskOrchestrator<AgentRunInput, AgentRunResult>
{
    /// <summary>Newest messages kept verbatim when the conversation is compacted.</summary>
    internal const int KeepRecentMessagesOnCompaction = 6;

    public override async Task<AgentRunResult> RunAsync(TaskOrchestrationContext context, AgentRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || catalog.Find(input.Agent) is not { } definition)
        {
            var reason = input is null ? "The run has no input." : new AgentNotFoundException(input.Agent).Message;
            context.SetCustomStatus(new AgentRunStatus { Phase = "finished" });
            return new AgentRunResult { Outcome = AgentRunOutcome.Failed, Reason = reason };
        }

        var state = new RunState(input, definition);
        AgentRunResult result;
        try
        {
            result = await LoopAsync(context, state);
        }
        catch (RunEndedException ended)
        {
            result = state.Result(ended.Outcome, null, ended.Message);
        }

        context.SetCustomStatus(state.Status("finished"));
        return result;
    }

    private async Task<AgentRunResult> LoopAsync(TaskOrchestrationContext context, RunState state)
    {
        var policy = state.Policy;
        string? head = null;
        var pending = new List<NewMessage> { NewMessage.User(state.Input.Goal) };
        while (true)
        {
            if (state.Step >= policy.MaxSteps)
            {
                throw new RunEndedException(AgentRunOutcome.StepLimit, $"The run used its step limit of {policy.MaxSteps} model calls.");
            }

            if (policy.RestateGoalEvery > 0 && state.Step > 0 && state.Step % policy.RestateGoalEvery == 0)
            {
                pending.Add(NewMessage.User(AgentRunPrompts.GoalReminder(state.Input.Goal, state.Step)));
            }

            var pendingTokens = pending.Sum(m => m.InlineChars) / 4 + state.PendingStoredChars / 4;
            if (state.ConversationTokens + pendingTokens > policy.ContextBudgetTokens)
            {
                context.SetCustomStatus(state.Status("compacting"));
                var compacted = await CompactAsync(context, state, head, pending);
                head = compacted.Head;
                pending = [];
                state.ConversationTokens = compacted.ConversationTokens;
            }

            state.PendingStoredChars = 0;
            context.SetCustomStatus(state.Status("calling-model"));
            var reply = await CallModelAsync(context, state, new ModelCallInput(state.Definition.Name, state.Input.Depth, head, pending, state.Step + 1));
            state.Step++;
            state.Usage += reply.Usage;
            state.ConversationTokens = reply.ConversationTokens;
            head = reply.Head;
            if (reply.Text is not null)
            {
                state.LastText = reply.Text;
            }

            if (reply.ToolCalls.Count == 0)
            {
                return state.RejectionOfLastStep is { } rejection
                    ? state.Result(AgentRunOutcome.Rejected, reply.Text, rejection)
                    : state.Result(AgentRunOutcome.Completed, reply.Text, null);
            }

            CheckBudgets(state);
            pending = await RunStepAsync(context, state, reply.ToolCalls);
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

    /// <summary>One step's tool calls: validate, approve, run in parallel; returns the results in the model's call order.</summary>
    private async Task<List<NewMessage>> RunStepAsync(TaskOrchestrationContext context, RunState state, IReadOnlyList<ModelToolCall> calls)
    {
        var planned = calls.Select(c => new PlannedCall(c)).ToList();
        foreach (var call in planned)
        {
            Validate(state, call);
        }

        var needApproval = planned.Where(p => !p.HasResult && p.ApprovalReason is not null).ToList();
        if (needApproval.Count > 0)
        {
            await AwaitApprovalsAsync(context, state, needApproval);
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
            state.Records.Add(new ToolCallRecord(call.CallId, call.Call.Name, call.Call.Arguments, call.Status, call.RecordText, state.Step));
        }

        return planned.Select(p => p.Result!).ToList();
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using DurableAgents.Durability;
using DurableAgents.Runs;
using Microsoft.Agents.AI;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.AI;

namespace DurableAgents.AgentFramework;

/// <summary>The streaming run: the run's steps as they happen, read from its status and tool-call record.</summary>
public sealed partial class DurableAIAgent
{
    /// <inheritdoc />
    protected override async IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session, AgentRunOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (runId, asked) = await StartAsync(messages, session, options, cancellationToken);
        var seenCalls = 0;
        (string? Phase, int Step) shown = (null, -1);
        while (true)
        {
            var run = await ReadAsync(runId, cancellationToken);
            var calls = run.ToolCalls ?? [];
            foreach (var update in calls.Skip(seenCalls).SelectMany(ToolCallUpdates))
            {
                yield return Stamp(update, runId);
            }

            seenCalls = Math.Max(seenCalls, calls.Count);
            if (run.RuntimeStatus.IsTerminal())
            {
                yield return Stamp(Finish(run, session, asked), runId);
                yield break;
            }

            if (run.Status is { } status && (status.Phase, status.Step) != shown)
            {
                shown = (status.Phase, status.Step);
                yield return Stamp(Progress(status), runId);
            }

            await Task.Delay(_options.PollInterval, cancellationToken);
        }
    }

    /// <summary>A finished tool call as Agent Framework shows one: the call (informational: the run already made it), then its result.</summary>
    private static IEnumerable<AgentResponseUpdate> ToolCallUpdates(ToolCallRecord call)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(string.IsNullOrEmpty(call.Arguments) ? "{}" : call.Arguments, AIJsonUtilities.DefaultOptions);
        yield return new AgentResponseUpdate(ChatRole.Assistant, [new FunctionCallContent(call.CallId, call.Tool, arguments) { InformationalOnly = true }]);
        yield return new AgentResponseUpdate(ChatRole.Tool, [new FunctionResultContent(call.CallId, call.Result)])
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { ["durableagents.tool_status"] = call.Status, [StepKey] = call.Step },
        };
    }

    /// <summary>A change of phase or step: no content, the phase in the properties (with the calls waiting for approval, if any).</summary>
    private static AgentResponseUpdate Progress(AgentRunStatus status)
    {
        var properties = new AdditionalPropertiesDictionary { [PhaseKey] = status.Phase, [StepKey] = status.Step };
        if (status.PendingApprovals is { Count: > 0 } pending)
        {
            properties[PendingApprovalsKey] = pending;
        }

        return new AgentResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = properties };
    }

    /// <summary>The answer of a finished run (the session learns the turn); a run that failed as an orchestration throws.</summary>
    private AgentResponseUpdate Finish(AgentRunView run, AgentSession? session, List<ChatMessage> asked)
    {
        if (run.RuntimeStatus != OrchestrationRuntimeStatus.Completed || run.Result is not { } result)
        {
            throw new DurableAgentRunException(run.RunId,
                $"Run '{run.RunId}' of agent '{_definition.Name}' ended {run.RuntimeStatus}: {run.Failure?.ErrorMessage ?? "no result"}.");
        }

        var text = result.Answer ?? result.Reason ?? "";
        if (Own(session) is { } own)
        {
            own.History.AddRange(asked);
            own.History.Add(new ChatMessage(ChatRole.Assistant, text));
        }

        return new AgentResponseUpdate(ChatRole.Assistant, [new TextContent(text), new UsageContent(Usage(run))])
        {
            MessageId = run.RunId,
            FinishReason = result.Outcome switch
            {
                AgentRunOutcome.Completed => ChatFinishReason.Stop,
                AgentRunOutcome.StepLimit or AgentRunOutcome.TokenBudget or AgentRunOutcome.CostBudget => ChatFinishReason.Length,
                var other => new ChatFinishReason(other.ToString()),
            },
            AdditionalProperties = new AdditionalPropertiesDictionary { [OutcomeKey] = result.Outcome.ToString(), [ReasonKey] = result.Reason },
        };
    }

    private static UsageDetails Usage(AgentRunView run)
    {
        var usage = run.Result?.Usage ?? run.Status?.Usage ?? RunUsage.Zero;
        return new UsageDetails { InputTokenCount = usage.InputTokens, OutputTokenCount = usage.OutputTokens, TotalTokenCount = usage.InputTokens + usage.OutputTokens };
    }

    private AgentResponseUpdate Stamp(AgentResponseUpdate update, string runId)
    {
        update.AgentId = Id;
        update.ResponseId = runId;
        update.AuthorName ??= Name;
        (update.AdditionalProperties ??= [])[RunIdKey] = runId;
        return update;
    }
}

/// <summary>A durable run ended as a failed (or terminated, or purged) orchestration rather than with an outcome of its own.</summary>
public sealed class DurableAgentRunException(string runId, string message) : Exception(message)
{
    /// <summary>The run.</summary>
    public string RunId { get; } = runId;
}

using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;
using DurableAgents.Telemetry;

namespace DurableAgents.Runs;

/// <summary>Starts agent runs, reads them, and delivers approvals: the API the host's endpoints and triggers use.</summary>
public sealed partial class AgentRunClient(DurableTaskClient client, IAgentCatalog catalog, ConversationLog conversations, AgentTelemetry? telemetry = null)
{
    private readonly AgentTelemetry _telemetry = telemetry ?? AgentTelemetry.Shared;

    /// <summary>The agents.</summary>
    public IAgentCatalog Catalog => catalog;

    /// <summary>The underlying orchestration client.</summary>
    public DurableTaskClient Orchestrations => client;

    private async Task<string> ScheduleRunAsync(
        AgentDefinition definition, string goal, AgentRunStartOptions start, string traceParent, CancellationToken cancellationToken)
    {
        var (runId, replaceFinished) = (start.RunId, start.ReplaceFinished);
        if (runId is not null && await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) is { } existing)
        {
            var existingAgent = TryRead<AgentRunInput>(existing.SerializedInput)?.Agent;
            var isAgentRun = AgentRunNames.IsRun(existing.Name, catalog);
            var replaceable = replaceFinished && isAgentRun && existing.RuntimeStatus.IsTerminal()
                && string.Equals(existingAgent, definition.Name, StringComparison.OrdinalIgnoreCase);
            if (!replaceable)
            {
                throw new RunAlreadyExistsException(runId, isAgentRun ? existingAgent : null, existing.Name, existing.RuntimeStatus.ToString());
            }
        }

        try
        {
            // The clients refuse an id that exists in any state; a replacement lets a finished one be reused (active ones still refuse).
            var options = new StartOrchestrationOptions { InstanceId = runId };
            if (replaceFinished)
            {
                options = options.WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
            }

            return await client.ScheduleNewOrchestrationInstanceAsync(
                AgentRunNames.OrchestratorOf(definition), AgentRunInput.Start(definition.Name, goal) with
                {
                    TraceParent = traceParent,
                    RecallLessons = definition.Pattern is null && definition.Policy.Memory.InjectLessons,
                    User = start.User,
                }, options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another start of the same id won the race between the check above and this start.
            throw new RunAlreadyExistsException(runId!, definition.Name, AgentRunNames.OrchestratorOf(definition), "Pending");
        }
        catch (Exception ex) when (runId is not null && ex is not OperationCanceledException)
        {
            // The gRPC client (Azure Functions) reports the same race with an RpcException of its own: ask the backend whether the
            // id is now taken rather than matching every client's error type.
            if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is { } winner)
            {
                var agentRun = string.Equals(winner.Name, AgentRunNames.Orchestrator, StringComparison.OrdinalIgnoreCase);
                throw new RunAlreadyExistsException(runId, agentRun ? definition.Name : null, winner.Name, winner.RuntimeStatus.ToString(), ex);
            }

            throw;
        }
    }

    /// <summary>The run, or null when there is none with this id (or it is not an agent run: the loop, or a registered pattern's orchestration).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="includeToolCalls">Whether to read the tool-call record from the conversation (one read of the store).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<AgentRunView?> GetRunAsync(string runId, bool includeToolCalls = true, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || !AgentRunNames.IsRun(metadata.Name, catalog))
        {
            return null;
        }

        var input = TryRead<AgentRunInput>(metadata.SerializedInput);
        var status = TryRead<AgentRunStatus>(metadata.SerializedCustomStatus);
        var result = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? TryRead<AgentRunResult>(metadata.SerializedOutput) : null;
        IReadOnlyList<ToolCallRecord>? toolCalls = null;
        if (includeToolCalls)
        {
            toolCalls = result is { ToolCalls.Count: > 0 } ? result.ToolCalls : await ReadToolCallsAsync(result?.Conversation ?? status?.Conversation, input?.Conversation, cancellationToken);
            result = result is null ? null : result with { ToolCalls = toolCalls };
        }

        return new AgentRunView(
            metadata.InstanceId,
            input?.Agent ?? "",
            metadata.RuntimeStatus,
            status,
            result,
            input?.Goal,
            metadata.CreatedAt.UtcDateTime,
            metadata.LastUpdatedAt.UtcDateTime,
            metadata.FailureDetails)
        {
            ToolCalls = toolCalls,
            User = input?.User,
            Session = input?.Session,
        };
    }

    /// <summary>The tool-call record of a conversation (the run's output and status name it rather than copy it).</summary>
    /// <remarks>A session's turn reads only what it added after <paramref name="since"/> (where it began), not earlier turns.</remarks>
    private async Task<IReadOnlyList<ToolCallRecord>> ReadToolCallsAsync(string? head, string? since, CancellationToken cancellationToken)
    {
        if (head is null)
        {
            return [];
        }

        try
        {
            return ToolCallRecords.From(await conversations.GetArchiveAsync(head, since, cancellationToken));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return []; // A conversation that is gone (or unreadable) leaves the record empty; the outcome and answer stand.
        }
    }

    private static T? TryRead<T>(string? json) where T : class
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return AgentDataConverter.Default.Deserialize<T>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

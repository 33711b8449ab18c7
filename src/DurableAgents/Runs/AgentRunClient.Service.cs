using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Runs;

/// <summary>Starts agent runs, reads them, and delivers approvals: the API the host's endpoints and triggers use.</summary>
public sealed partial class AgentRunClient(DurableTaskClient client, IAgentCatalog catalog, ConversationLog conversations)
{
    /// <summary>The agents.</summary>
    public IAgentCatalog Catalog => catalog;

    /// <summary>The underlying orchestration client.</summary>
    public DurableTaskClient Orchestrations => client;

    /// <summary>
    /// Starts a run. A run id that exists in any state is refused with <see cref="RunAlreadyExistsException"/>, unless
    /// <paramref name="replaceFinished"/> is set and the existing run is a finished run of the same agent.
    /// Throws <see cref="AgentNotFoundException"/> for an agent that is not registered.
    /// </summary>
    public async Task<string> StartRunAsync(
        string agent, string goal, string? runId = null, bool replaceFinished = false, CancellationToken cancellationToken = default)
    {
        var definition = catalog.Find(agent) ?? throw new AgentNotFoundException(agent);
        ArgumentNullException.ThrowIfNull(goal);
        if (runId is not null && await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) is { } existing)
        {
            var existingAgent = TryRead<AgentRunInput>(existing.SerializedInput)?.Agent;
            var isAgentRun = string.Equals(existing.Name, AgentRunNames.Orchestrator, StringComparison.OrdinalIgnoreCase);
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
                AgentRunNames.Orchestrator, new AgentRunInput(definition.Name, goal), options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another start of the same id won the race between the check above and this start.
            throw new RunAlreadyExistsException(runId!, definition.Name, AgentRunNames.Orchestrator, "Pending");
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

    /// <summary>The run, or null when there is none with this id (or it is not an agent run).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="includeToolCalls">Whether to read the tool-call record from the conversation (one read of the store).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<AgentRunView?> GetRunAsync(string runId, bool includeToolCalls = true, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || !string.Equals(metadata.Name, AgentRunNames.Orchestrator, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var input = TryRead<AgentRunInput>(metadata.SerializedInput);
        var status = TryRead<AgentRunStatus>(metadata.SerializedCustomStatus);
        var result = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? TryRead<AgentRunResult>(metadata.SerializedOutput) : null;
        IReadOnlyList<ToolCallRecord>? toolCalls = null;
        if (includeToolCalls)
        {
            toolCalls = result is { ToolCalls.Count: > 0 } ? result.ToolCalls : await ReadToolCallsAsync(result?.Conversation ?? status?.Conversation, cancellationToken);
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
        };
    }

    /// <summary>The tool-call record of a conversation (the run's output and status name it rather than copy it).</summary>
    private async Task<IReadOnlyList<ToolCallRecord>> ReadToolCallsAsync(string? head, CancellationToken cancellationToken)
    {
        if (head is null)
        {
            return [];
        }

        try
        {
            return ToolCallRecords.From(await conversations.GetArchiveAsync(head, cancellationToken));
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

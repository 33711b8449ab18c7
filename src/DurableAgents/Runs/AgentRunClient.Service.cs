using DurableAgents.Agents;
using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Client;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Runs;

/// <summary>Starts agent runs, reads them, and delivers approvals: the API the host's endpoints and triggers use.</summary>
public sealed class AgentRunClient(DurableTaskClient client, IAgentCatalog catalog, ConversationLog conversations)
{
    /// <summary>The agents.</summary>
    public IAgentCatalog Catalog => catalog;

    /// <summary>The underlying orchestration client.</summary>
    public DurableTaskClient Orchestrations => client;

    /// <summary>Starts a run; throws <see cref="AgentNotFoundException"/> or <see cref="OrchestrationAlreadyExistsException"/>.</summary>
    public async Task<string> StartRunAsync(string agent, string goal, string? runId = null, CancellationToken cancellationToken = default)
    {
        var definition = catalog.Find(agent) ?? throw new AgentNotFoundException(agent);
        ArgumentNullException.ThrowIfNull(goal);
        return await client.ScheduleNewOrchestrationInstanceAsync(
            AgentRunNames.Orchestrator,
            new AgentRunInput(definition.Name, goal),
            new StartOrchestrationOptions { InstanceId = runId },
            cancellationToken);
    }

    /// <summary>The run, or null when there is none with this id (or it is not an agent run).</summary>
    public async Task<AgentRunView?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || !string.Equals(metadata.Name, AgentRunNames.Orchestrator, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var input = TryRead<AgentRunInput>(metadata.SerializedInput);
        return new AgentRunView(
            metadata.InstanceId,
            input?.Agent ?? "",
            metadata.RuntimeStatus,
            TryRead<AgentRunStatus>(metadata.SerializedCustomStatus),
            metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                ? await WithToolCallsAsync(TryRead<AgentRunResult>(metadata.SerializedOutput), cancellationToken)
                : null,
            input?.Goal,
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            metadata.FailureDetails);
    }

    /// <summary>Delivers a decision to a run that is awaiting approval (or escalated).</summary>
    public async Task<ApprovalSubmitResult> SubmitApprovalAsync(string runId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var run = await GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return ApprovalSubmitResult.RunNotFound;
        }

        if (run.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            || run.Status?.Phase is not (AgentRunNames.AwaitingApprovalPhase or AgentRunNames.EscalatedPhase))
        {
            return ApprovalSubmitResult.NotAwaitingApproval;
        }

        await client.RaiseEventAsync(runId, AgentRunNames.ApprovalEvent, decision, cancellationToken);
        return ApprovalSubmitResult.Accepted;
    }

    /// <summary>The result with its tool-call record, read from the run's conversation (the output names it, not copies it).</summary>
    private async Task<AgentRunResult?> WithToolCallsAsync(AgentRunResult? result, CancellationToken cancellationToken)
    {
        if (result is not { ToolCalls.Count: 0, Conversation: { } head })
        {
            return result;
        }

        try
        {
            return result with { ToolCalls = ToolCallRecords.From(await conversations.GetArchiveAsync(head, cancellationToken)) };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return result; // A conversation that is gone (or unreadable) leaves the record empty; the outcome and answer stand.
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
            return JsonDataConverter.Default.Deserialize<T>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

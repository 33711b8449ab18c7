using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>The client side: create, signal, read, query, purge.</summary>
public abstract partial class LocalOrchestrationService
{
    /// <inheritdoc />
    public Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken)
    {
        var started = (ExecutionStartedEvent)RequireStart(executionStarted).Event;
        var state = OrchestrationState.Pending(executionStarted.InstanceId, started);
        return CommitAsync(new CreateInstanceCommit(executionStarted, state));
    }

    /// <inheritdoc />
    public Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken) => CommitAsync(new SendMessageCommit(message));

    /// <inheritdoc />
    public async Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync();
        OrchestrationState? state;
        lock (Store.Gate)
        {
            state = Store.GetState(instanceId);
        }

        return state is null || includePayloads ? state : WithoutPayloads(state);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync();
        lock (Store.Gate)
        {
            return Store.GetHistory(instanceId);
        }
    }

    /// <inheritdoc />
    public async Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureStartedAsync();
        InstanceQueryResult result;
        lock (Store.Gate)
        {
            result = Store.Query(query);
        }

        return query.FetchInputsAndOutputs ? result : result with { Instances = result.Instances.Select(WithoutPayloads).ToList() };
    }

    /// <inheritdoc />
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync();
        lock (Store.Gate)
        {
            if (Store.GetState(instanceId) is null)
            {
                return false;
            }
        }

        await CommitAsync(new PurgeCommit(instanceId));
        return true;
    }

    private static OrchestrationState WithoutPayloads(OrchestrationState state) =>
        state with { Input = null, Output = null, CustomStatus = null };
}

using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using DurableTask.Core.Serializing;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>The state of the instance (only its latest execution is kept, so <paramref name="allExecutions"/>
    /// returns at most one); empty when the instance does not exist.</summary>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = await GetOrchestrationStateAsync(instanceId, executionId: null!).ConfigureAwait(false);
        return state is null ? [] : [state];
    }

    /// <summary>The state of the instance, or null when it does not exist or its latest execution is not <paramref name="executionId"/>.</summary>
    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        MessageValidation.ValidateInstanceId(instanceId);
        await EnsureOpenAsync().ConfigureAwait(false);
        var state = Reader.ReadState(instanceId);
        return (state is not null && (string.IsNullOrEmpty(executionId) || state.OrchestrationInstance.ExecutionId == executionId) ? state : null)!;
    }

    /// <summary>The history of the instance's current execution as DTFx JSON (<see cref="JsonDataConverter.Default"/>,
    /// with type names, so <c>JsonDataConverter.Default.Deserialize&lt;List&lt;HistoryEvent&gt;&gt;</c> reads it back); "[]" when unknown.</summary>
    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        var events = await GetOrchestrationHistoryEventsAsync(instanceId, executionId).ConfigureAwait(false);
        return JsonDataConverter.Default.Serialize(events);
    }

    /// <summary>The history events of the instance's current execution, in order; empty when the instance does not
    /// exist or its current execution is not <paramref name="executionId"/> (null for the current one).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryEventsAsync(string instanceId, string? executionId = null)
    {
        MessageValidation.ValidateInstanceId(instanceId);
        await EnsureOpenAsync().ConfigureAwait(false);
        string? current;
        lock (gate)
        {
            current = instances.TryGetValue(instanceId, out var record) && record.Started ? record.ExecutionId : null;
        }

        if (current is null || (!string.IsNullOrEmpty(executionId) && executionId != current))
        {
            return [];
        }

        return Reader.ReadHistory(instanceId, current);
    }

    /// <summary>Instances matching the query's statuses, created-time range and id prefix, oldest first, one page at a
    /// time (pass the result's continuation token back for the next page; null means no more).</summary>
    public async Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureOpenAsync().ConfigureAwait(false);
        if (query.TaskHubNames is { Count: > 0 } hubs && settings.TaskHubName is { } hub && !hubs.Contains(hub))
        {
            return new OrchestrationQueryResult([], null);
        }

        var (states, token) = Reader.Query(query, cancellationToken);
        return new OrchestrationQueryResult(states, token);
    }
}

using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>Reads, state-change notification and snapshots.</summary>
internal sealed partial class LocalStore
{
    public OrchestrationState? GetState(string instanceId) =>
        _instances.TryGetValue(instanceId, out var instance) ? instance.State : null;

    public IReadOnlyList<HistoryEvent> GetHistory(string instanceId) =>
        _instances.TryGetValue(instanceId, out var instance) ? instance.History.ToList() : [];

    /// <summary>Pages through instances ordered by id; the token is the last id of the previous page.</summary>
    public InstanceQueryResult Query(OrchestrationQuery query)
    {
        var after = query.ContinuationToken;
        var page = _instances.Values
            .Select(i => i.State)
            .Where(s => (after is null || string.CompareOrdinal(s.InstanceId, after) > 0) && query.Matches(s))
            .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
            .Take(query.PageSize + 1)
            .ToList();
        var hasMore = page.Count > query.PageSize;
        if (hasMore)
        {
            page.RemoveAt(page.Count - 1);
        }

        return new InstanceQueryResult(page, hasMore ? page[^1].InstanceId : null);
    }

    public Task WaitForStateChange(string instanceId)
    {
        if (!_stateWaiters.TryGetValue(instanceId, out var waiter))
        {
            _stateWaiters[instanceId] = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return waiter.Task;
    }

    private void SignalState(string instanceId)
    {
        if (_stateWaiters.Remove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Commits that rebuild the current durable state (for journal compaction).</summary>
    public List<LocalCommit> Snapshot()
    {
        var commits = new List<LocalCommit>(_instances.Count + 1);
        foreach (var instance in _instances.Values)
        {
            commits.Add(new RestoreInstanceCommit(instance.State, instance.History.ToList(), [.. instance.Inbox, .. instance.Delayed]));
        }

        commits.Add(new RestoreActivitiesCommit(_pendingActivities.Values.ToList()));
        commits.AddRange(_contents.Select(c => new PutContentCommit(c.Key, c.Value)));
        return commits;
    }
}

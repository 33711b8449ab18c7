using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>Deletes a finished instance with its history, durably; 0 when it does not exist.</summary>
    /// <exception cref="InvalidOperationException">The instance is still pending, running or suspended.</exception>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        MessageValidation.ValidateInstanceId(instanceId);
        await EnsureOpenAsync().ConfigureAwait(false);
        Task<int> purge;
        lock (gate)
        {
            if (!instances.TryGetValue(instanceId, out var record))
            {
                return new PurgeResult(0);
            }

            if (!record.IsTerminal || record.Reserved)
            {
                throw new InvalidOperationException($"Instance '{instanceId}' is {record.Status}, so it cannot be purged. Terminate it and wait for it to finish first.");
            }

            purge = PurgeLocked([record]);
        }

        return new PurgeResult(await purge.ConfigureAwait(false));
    }

    /// <summary>Deletes finished instances created in the filter's time range with one of its statuses (all final
    /// statuses when none is given). Pending, running and suspended instances are never purged.</summary>
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var from = purgeInstanceFilter.CreatedTimeFrom.ToUniversalTime();
        var to = purgeInstanceFilter.CreatedTimeTo?.ToUniversalTime();
        var statuses = purgeInstanceFilter.RuntimeStatus?.ToHashSet();
        return PurgeWhereAsync(r => r.CreatedUtc >= from && (to is null || r.CreatedUtc <= to) && (statuses is null || statuses.Count == 0 || statuses.Contains(r.Status)));
    }

    /// <summary>Deletes finished instances whose created, last-updated or completed time is before <paramref name="thresholdDateTimeUtc"/>.</summary>
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var threshold = thresholdDateTimeUtc.ToUniversalTime();
        Func<InstanceRecord, DateTime> time = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => r => r.CreatedUtc,
            OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => r => r.LastUpdatedUtc,
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => r => r.CompletedUtc,
            _ => throw new ArgumentOutOfRangeException(nameof(timeRangeFilterType), timeRangeFilterType, "Unknown time range filter type."),
        };
        return PurgeWhereAsync(r => time(r) < threshold);
    }

    async Task<PurgeResult> PurgeWhereAsync(Func<InstanceRecord, bool> match)
    {
        await EnsureOpenAsync().ConfigureAwait(false);
        Task<int> purge;
        lock (gate)
        {
            purge = PurgeLocked(instances.Values.Where(r => r.IsTerminal && !r.Reserved && match(r)).ToList());
        }

        return new PurgeResult(await purge.ConfigureAwait(false), isComplete: true);
    }

    async Task<int> PurgeLocked(List<InstanceRecord> records)
    {
        if (records.Count == 0)
        {
            return 0;
        }

        var set = new WriteSet { FullSync = true };
        set.DeletedInstances.AddRange(records.Select(r => r.InstanceId));
        set.Committed = () =>
        {
            foreach (var record in records)
            {
                if (ReferenceEquals(instances.GetValueOrDefault(record.InstanceId), record))
                {
                    instances.Remove(record.InstanceId);
                }
            }
        };
        await Enqueue(set).ConfigureAwait(false);
        return records.Count;
    }
}

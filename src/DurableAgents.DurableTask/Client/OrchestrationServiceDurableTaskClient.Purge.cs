using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;

namespace DurableAgents.DurableTask.Client;

internal sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>Deletes a finished instance and its history; a running one is refused with a message saying to terminate it.</summary>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        RefuseRecursive(options);
        var purge = Require<Core.IOrchestrationServicePurgeClient>("Purging instances");
        if (await GetStateAsync(instanceId, cancellation) is not { } state)
        {
            return new PurgeResult(0);
        }

        if (!state.OrchestrationStatus.IsTerminal())
        {
            throw new InvalidOperationException(
                $"The orchestration instance '{instanceId}' is {state.OrchestrationStatus.ToSdk()}; only completed, failed or terminated instances " +
                "can be purged. Terminate it first, then purge it.");
        }

        var result = await purge.PurgeInstanceStateAsync(instanceId).WaitAsync(cancellation);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>Deletes the finished instances that match the filter (only terminal statuses may be named).</summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RefuseRecursive(options);
        var purge = Require<Core.IOrchestrationServicePurgeClient>("Purging instances");
        var statuses = filter.Statuses?.Select(s => s.ToCore()).ToList() is { Count: > 0 } named ? named : [.. CoreConversions.TerminalStatuses];
        if (statuses.Where(s => !s.IsTerminal()).ToList() is { Count: > 0 } running)
        {
            throw new ArgumentException(
                $"The purge filter names {string.Join(", ", running.Select(s => s.ToSdk()))}, which are not finished states; only Completed, Failed, Terminated and Canceled instances can be purged.",
                nameof(filter));
        }

        var coreFilter = new Core.PurgeInstanceFilter((filter.CreatedFrom ?? DateTimeOffset.MinValue).UtcDateTime, filter.CreatedTo?.UtcDateTime, statuses);
        var result = await purge.PurgeInstanceStateAsync(coreFilter).WaitAsync(cancellation);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    private static void RefuseRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported on DTFx providers; purge each sub-orchestration by its id.");
        }
    }
}

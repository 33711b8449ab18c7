using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;
using CoreQuery = DurableTask.Core.Query;

namespace DurableAgents.DurableTask.Client;

internal sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>The instance's metadata, or null when it does not exist.</summary>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        return await GetStateAsync(instanceId, cancellation) is { } state
            ? (await WithFailureDetailsAsync(state, cancellation)).ToMetadata(getInputsAndOutputs, _converter)
            : null;
    }

    /// <summary>Instances matching the filter, a page at a time (the provider's continuation token carries on).</summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var queries = Require<CoreQuery.IOrchestrationServiceQueryClient>("Querying instances");
        if (filter?.PageSize is <= 0)
        {
            throw new ArgumentException($"The page size must be positive; it was {filter.PageSize}.", nameof(filter));
        }

        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery.OrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            var page = result.OrchestrationState.Select(s => WithFailureDetailsFromOutput(s).ToMetadata(query.FetchInputsAndOutputs, _converter)).ToList();
            return new Page<OrchestrationMetadata>(page, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });
    }

    /// <summary>Waits until the instance leaves Pending, polling with a back-off (DTFx has no start notification).</summary>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        var state = await PollAsync(instanceId, s => s.OrchestrationStatus != Core.OrchestrationStatus.Pending, cancellation);
        return (await WithFailureDetailsAsync(state, cancellation)).ToMetadata(getInputsAndOutputs, _converter);
    }

    /// <summary>
    /// Waits until the instance completes, fails or is terminated: through the provider's notification where it has one,
    /// otherwise by polling with a back-off.
    /// </summary>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        var state = _pollForCompletion
            ? await PollAsync(instanceId, s => s.OrchestrationStatus.IsTerminal(), cancellation)
            : await WaitThroughProviderAsync(instanceId, cancellation);
        return (await WithFailureDetailsAsync(state, cancellation)).ToMetadata(getInputsAndOutputs, _converter);
    }

    private async Task<Core.OrchestrationState> WaitThroughProviderAsync(string instanceId, CancellationToken cancellation)
    {
        // A long finite timeout in a loop: providers differ on what an infinite one means, and some cannot take TimeSpan.MaxValue.
        while (true)
        {
            var state = await _client.WaitForOrchestrationAsync(instanceId, null!, TimeSpan.FromDays(1), cancellation);
            if (state is not null && state.OrchestrationStatus.IsTerminal())
            {
                return state;
            }

            cancellation.ThrowIfCancellationRequested();
        }
    }

    private async Task<Core.OrchestrationState> PollAsync(
        string instanceId, Func<Core.OrchestrationState, bool> done, CancellationToken cancellation)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        var maxDelay = TimeSpan.FromSeconds(1);
        while (true)
        {
            var state = await GetExistingStateAsync(instanceId, cancellation);
            if (done(state))
            {
                return state;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        }
    }
}

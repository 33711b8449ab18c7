using DurableAgents.Orchestration.AzureStorage.Activities;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>Activity work items from the shared work-item queue.</summary>
public sealed partial class AzureStorageOrchestrationService
{
    private static readonly TimeSpan ActivityRetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == AzureStorageMode.Triggered)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        return await _activities.LockNextAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the result to this host's partition when it owns the instance's (see MessageSender.TryHandOverResultAsync);
    /// otherwise sends it to the instance's control queue, then deletes the work-item message (a crash in between repeats the activity).
    /// </summary>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(response);
        if (workItem.LockToken is not ActivityLock activityLock)
        {
            await _sender.SendToInstanceAsync(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Renewal stops first: from here on either the partition's pump keeps the message hidden, or it is deleted below.
        await activityLock.DisposeAsync().ConfigureAwait(false);
        if (await _sender.TryHandOverResultAsync(activityLock.Handle, response, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await _sender.SendToInstanceAsync(response, cancellationToken).ConfigureAwait(false);
        await activityLock.Handle.DeleteAsync(cancellationToken).ConfigureAwait(false);
        await _codec.DeleteBlobAsync(activityLock.Handle.Decoded.BlobName, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.LockToken is ActivityLock activityLock)
        {
            await activityLock.DisposeAsync().ConfigureAwait(false);
            await activityLock.Handle.ReleaseAsync(ActivityRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}

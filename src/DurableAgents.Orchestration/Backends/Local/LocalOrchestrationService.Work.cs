using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>The worker side: locking and completing work items.</summary>
public abstract partial class LocalOrchestrationService
{
    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync();
        var ready = Store.ReadyInstances;
        while (await ready.WaitToReadAsync(cancellationToken))
        {
            while (ready.TryRead(out var instanceId))
            {
                lock (Store.Gate)
                {
                    if (Store.TryLock(instanceId, MaxMessagesPerEpisode) is { } workItem)
                    {
                        return workItem;
                    }
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var commit = new CompleteOrchestrationCommit(
            workItem.InstanceId,
            workItem.NewMessages.Select(m => m.Id).ToList(),
            result.NewEvents,
            result.ReplaceHistory,
            result.State,
            result.ActivityMessages,
            result.OrchestratorMessages);
        await CommitAsync(commit);
        lock (Store.Gate)
        {
            Store.Unlock(workItem.InstanceId);
        }
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);

        // A short pause keeps a work item that fails every time from spinning a core.
        await Task.Delay(AbandonDelay, CancellationToken.None);
        lock (Store.Gate)
        {
            Store.Unlock(workItem.InstanceId);
        }
    }

    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync();
        var ready = Store.ReadyActivities;
        while (await ready.WaitToReadAsync(cancellationToken))
        {
            while (ready.TryRead(out var message))
            {
                lock (Store.Gate)
                {
                    if (Store.IsActivityPending(message.Id))
                    {
                        return new ActivityWorkItem { Message = message };
                    }
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return CommitAsync(new CompleteActivityCommit(workItem.Message.Id, response));
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await Task.Delay(AbandonDelay, CancellationToken.None);
        lock (Store.Gate)
        {
            Store.RequeueActivity(workItem.Message);
        }
    }
}

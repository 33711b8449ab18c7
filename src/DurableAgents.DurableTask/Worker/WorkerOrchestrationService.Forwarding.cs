using DurableTask.Core;

namespace DurableAgents.DurableTask.Worker;

internal sealed partial class WorkerOrchestrationService
{
    public int TaskOrchestrationDispatcherCount => Inner.TaskOrchestrationDispatcherCount;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => Inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => Inner.TaskActivityDispatcherCount;

    public Task StartAsync() => Inner.StartAsync();

    public Task CreateAsync() => Inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => Inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => Inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => Inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => Inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        Inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => Inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => Inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem?.Session is { } session)
        {
            workItem.Session = new TrackedSession(session, this);
        }

        return Track(workItem!);
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    // An episode ends with its completion; an extended session then idles until TrackedSession sees new messages.
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        try
        {
            await Inner.CompleteTaskOrchestrationWorkItemAsync(
                workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
        }
        finally
        {
            Untrack(workItem);
        }
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await Inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            Untrack(workItem);
        }
    }

    // DTFx releases every orchestration work item it locked, after completing or abandoning it.
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            Untrack(workItem);
        }
    }

    // DTFx's dispatcher drops an activity work item whose fetch returns after its stop began (it releases only orchestration
    // items), which would leave it in flight until the shutdown timeout. Handed back here instead, it waits for the next start.
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null && cancellationToken.IsCancellationRequested)
        {
            await Inner.AbandonTaskActivityWorkItemAsync(workItem);
            return null!;
        }

        return Track(workItem!);
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            Untrack(workItem);
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await Inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            Untrack(workItem);
        }
    }
}

using DurableTask.Core;

namespace DurableAgents.DurableTask.Worker;

/// <summary>
/// Wraps a provider's extended session so the worker knows when an idle session starts another episode: idle sessions are
/// not work in flight (the provider's stop ends them), episodes are.
/// </summary>
internal sealed class TrackedSession(IOrchestrationSession inner, WorkerOrchestrationService owner) : IOrchestrationSession
{
    public async Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
    {
        var messages = await inner.FetchNewOrchestrationMessagesAsync(workItem);
        if (messages is not null)
        {
            owner.Resume(workItem);
        }

        return messages;
    }

    public Task EndSessionAsync() => inner.EndSessionAsync();
}

using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>Sends task messages to the control queue of their instance's partition or to the work-item queue.</summary>
internal sealed class MessageSender(
    TaskHubLayout layout, QueueClient[] controlQueues, QueueClient workItems, MessageCodec codec, TimeProvider clock, TimeSpan maxHop)
{
    /// <summary>Raised after a message went to a partition's control queue, so a local poller can look at once.</summary>
    public event Action<int>? ControlMessageSent;

    /// <summary>Raised after a message went to the work-item queue.</summary>
    public event Action? WorkItemSent;

    /// <summary>Sends to the control queue of the message's instance, hidden until its VisibleAt (by the injected clock).</summary>
    public async Task SendToInstanceAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var partition = layout.PartitionOf(message.InstanceId);
        var text = await codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        var delay = TimerHops.Delay(message.VisibleAt, clock.GetUtcNow().UtcDateTime, maxHop);
        await controlQueues[partition].SendMessageAsync(text, Positive(delay), QueueClient.NeverExpires, cancellationToken).ConfigureAwait(false);
        if (delay is null || delay == TimeSpan.Zero)
        {
            ControlMessageSent?.Invoke(partition);
        }
    }

    /// <summary>Re-sends already encoded text (a timer hop) to <paramref name="partition"/> with <paramref name="delay"/>.</summary>
    public Task ResendAsync(int partition, string queueText, TimeSpan? delay, CancellationToken cancellationToken) =>
        controlQueues[partition].SendMessageAsync(queueText, Positive(delay), QueueClient.NeverExpires, cancellationToken);

    /// <summary>Sends activity work to the shared work-item queue.</summary>
    public async Task SendActivityAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var text = await codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        await workItems.SendMessageAsync(text, null, QueueClient.NeverExpires, cancellationToken).ConfigureAwait(false);
        WorkItemSent?.Invoke();
    }

    private static TimeSpan? Positive(TimeSpan? delay) => delay is { } d && d > TimeSpan.Zero ? d : null;
}

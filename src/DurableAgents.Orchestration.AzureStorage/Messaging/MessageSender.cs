using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>Something in this host that processes messages of a queue and can take just-sent ones straight into memory.</summary>
internal interface ILocalTaker
{
    /// <summary>True when it would take another message now.</summary>
    bool HasRoom { get; }

    /// <summary>Takes the sent message (hidden in the queue as if received); false when it no longer can.</summary>
    bool TryTake(QueueMessageHandle handle);
}

/// <summary>
/// Sends task messages to the control queue of their instance's partition or to the work-item queue. When this host will process
/// the message itself (it owns the partition, or has activity capacity), the message is sent hidden, exactly as if this host had
/// received it, and handed over in memory: durable like any other message, without a queue round trip.
/// </summary>
internal sealed class MessageSender(
    TaskHubLayout layout, QueueClient[] controlQueues, QueueClient workItems, MessageCodec codec, TimeProvider clock,
    TimeSpan maxHop, TimeSpan visibility)
{
    /// <summary>Finds the local taker of a partition's messages, if this host owns the partition.</summary>
    public Func<int, ILocalTaker?>? LocalPartition { get; set; }

    /// <summary>The local taker of activity messages, if any.</summary>
    public ILocalTaker? LocalActivities { get; set; }

    /// <summary>Raised after a visible message went to a partition's control queue, so a local poller can look at once.</summary>
    public event Action<int>? ControlMessageSent;

    /// <summary>Raised after a visible message went to the work-item queue.</summary>
    public event Action? WorkItemSent;

    /// <summary>Sends to the control queue of the message's instance, hidden until its VisibleAt (by the injected clock).</summary>
    public async Task SendToInstanceAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var partition = layout.PartitionOf(message.InstanceId);
        var delay = Positive(TimerHops.Delay(message.VisibleAt, clock.GetUtcNow().UtcDateTime, maxHop));
        var local = delay is null && message.VisibleAt is null ? LocalPartition?.Invoke(partition) : null;
        local = local is { HasRoom: true } ? local : null;
        if (!await SendAsync(controlQueues[partition], message, delay, local, cancellationToken).ConfigureAwait(false) && delay is null)
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
        if (!await SendAsync(workItems, message, null, LocalActivities is { HasRoom: true } taker ? taker : null, cancellationToken).ConfigureAwait(false))
        {
            WorkItemSent?.Invoke();
        }
    }

    // Returns true when the message was handed over locally.
    private async Task<bool> SendAsync(QueueClient queue, TaskMessage message, TimeSpan? delay, ILocalTaker? local, CancellationToken cancellationToken)
    {
        var (text, blobName) = await codec.EncodeWithBlobAsync(message, cancellationToken).ConfigureAwait(false);
        var receipt = await queue.SendMessageAsync(text, local is null ? delay : visibility, QueueClient.NeverExpires, cancellationToken).ConfigureAwait(false);
        if (local is null)
        {
            return false;
        }

        var received = new QueueMessage(receipt.MessageId, receipt.PopReceipt, 0, receipt.InsertedOn, receipt.ExpiresOn, receipt.NextVisibleOn, text);
        if (!local.TryTake(new QueueMessageHandle(queue, received, new DecodedMessage(message, blobName, text))))
        {
            // The taker changed its mind (e.g. the partition moved away): make the message visible to whoever owns it now.
            await queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, TimeSpan.Zero, null, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static TimeSpan? Positive(TimeSpan? delay) => delay is { } d && d > TimeSpan.Zero ? d : null;
}

using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>Something in this host that processes messages of a queue and can take just-sent ones straight into memory.</summary>
internal interface ILocalTaker
{
    /// <summary>
    /// Claims room for one message that is about to be sent hidden and then passed to <see cref="TryTake"/> (or given back with
    /// <see cref="CancelReservation"/>); false when it would not take another message now. A claim rather than a look at the
    /// room, because many sends start before the first one is taken.
    /// </summary>
    bool TryReserve();

    /// <summary>Gives back a reservation whose message was not sent.</summary>
    void CancelReservation()
    {
    }

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
        local = local is not null && local.TryReserve() ? local : null;
        if (!await SendAsync(controlQueues[partition], message, delay, local, cancellationToken).ConfigureAwait(false) && delay is null)
        {
            ControlMessageSent?.Invoke(partition);
        }
    }

    /// <summary>
    /// Hands an activity's result to this host's pump of the instance's partition, on the activity's own hidden work-item message:
    /// no control-queue message. The result is written into that message by the episode that consumes it (together with the
    /// instance's next activity, see <see cref="TryRewriteAsActivityAsync"/>), or is in the instance's history once that episode is
    /// stored; if neither has happened within <see cref="ResultWriteDelay"/>, it is written here. A crash before then runs the
    /// activity again (as a crash while it runs would). Results too large to ride inline are written at once. Whoever receives such
    /// a message from the queue delivers the result it carries (<see cref="Activities.ActivityQueue"/>). False when the partition
    /// is not owned here or the message is gone (another host runs the activity again); the caller then sends the result as usual.
    /// </summary>
    public async Task<bool> TryHandOverResultAsync(QueueMessageHandle workItem, TaskMessage result, CancellationToken cancellationToken)
    {
        if (result.VisibleAt is not null || LocalPartition?.Invoke(layout.PartitionOf(result.InstanceId)) is not { } local || !local.TryReserve())
        {
            return false;
        }

        var inline = workItem.Decoded.BlobName is null ? codec.TryEncodeInline(result) : null;
        var (text, blobName) = inline is not null ? (inline, null) : await codec.EncodeWithBlobAsync(result, cancellationToken).ConfigureAwait(false);
        if (inline is null && !await workItem.RewriteAsync(text, visibility, cancellationToken).ConfigureAwait(false))
        {
            await codec.DeleteBlobAsync(blobName, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var inputBlob = inline is null ? workItem.Decoded.BlobName : null; // Rewritten: the message no longer refers to the input.
        if (await workItem.HandOverAsync(new DecodedMessage(result, blobName, text)).ConfigureAwait(false) is not { } moved)
        {
            return inline is null;
        }

        if (!local.TryTake(moved))
        {
            // The partition moved away meanwhile: let any host's receiver deliver the result.
            await moved.RewriteAsync(text, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        else if (inline is not null)
        {
            _ = WriteResultLaterAsync(moved, text);
        }

        await codec.DeleteBlobAsync(inputBlob, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>How long an activity's result may stay in memory only, waiting to be written with the instance's next step.</summary>
    public static readonly TimeSpan ResultWriteDelay = TimeSpan.FromMilliseconds(100);

    private async Task WriteResultLaterAsync(QueueMessageHandle handedOver, string resultText)
    {
        try
        {
            await Task.Delay(ResultWriteDelay).ConfigureAwait(false);
            await handedOver.RewriteUnlessRewrittenAsync(resultText, visibility, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Storage is failing: the result stays in memory until its episode stores it; a crash before that repeats the activity.
        }
    }

    /// <summary>
    /// Sends <paramref name="activity"/> by rewriting a consumed work-item message that carries a result of the same episode,
    /// instead of sending a new message and deleting the old one: the result stays in the message (delivered again, as a duplicate,
    /// if the message is ever received), so it is never lost, whether or not the episode's commit follows. Null when the two do not
    /// fit in one message or the message is gone.
    /// </summary>
    public async Task<DecodedMessage?> TryRewriteAsActivityAsync(QueueMessageHandle consumed, TaskMessage activity, CancellationToken cancellationToken)
    {
        if (codec.TryEncodeInline(activity, consumed.Decoded.Message) is not { } text
            || !await consumed.RewriteAsync(text, visibility, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new DecodedMessage(activity, null, text) { Carried = consumed.Decoded.Message };
    }

    /// <summary>
    /// After the episode that rewrote <paramref name="consumed"/> was stored: hands the message, now the activity's, to this host's
    /// activity taker, or makes it visible for any host when there is no room.
    /// </summary>
    public async Task DispatchRewrittenAsync(QueueMessageHandle consumed, DecodedMessage rewritten, CancellationToken cancellationToken)
    {
        if (await consumed.HandOverAsync(rewritten).ConfigureAwait(false) is not { } moved)
        {
            return;
        }

        if (LocalActivities is not { } taker || !taker.TryReserve() || !taker.TryTake(moved))
        {
            await moved.ReleaseAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            WorkItemSent?.Invoke();
        }
    }

    /// <summary>Re-sends already encoded text (a timer hop) to <paramref name="partition"/> with <paramref name="delay"/>.</summary>
    public Task ResendAsync(int partition, string queueText, TimeSpan? delay, CancellationToken cancellationToken) =>
        controlQueues[partition].SendMessageAsync(queueText, Positive(delay), QueueClient.NeverExpires, cancellationToken);

    /// <summary>
    /// Sends the results a received work-item message carries to their instances (a result is sent even when its episode was stored
    /// already: the engine drops the duplicate). True when the message also asks for an activity to run.
    /// </summary>
    public async Task<bool> DeliverCarriedResultsAsync(DecodedMessage workItem, CancellationToken cancellationToken)
    {
        if (workItem.Carried is { } carried)
        {
            await SendToInstanceAsync(carried, cancellationToken).ConfigureAwait(false);
        }

        if (workItem.Message.Event is TaskScheduledEvent)
        {
            return true;
        }

        await SendToInstanceAsync(workItem.Message, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Sends activity work to the shared work-item queue.</summary>
    public async Task SendActivityAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        // A reservation, not a look at the room: a fan-out starts all its sends before the first is taken, and what does not fit
        // here must go to the shared queue for any host.
        var local = LocalActivities is { } taker && taker.TryReserve() ? taker : null;
        if (!await SendAsync(workItems, message, null, local, cancellationToken).ConfigureAwait(false))
        {
            WorkItemSent?.Invoke();
        }
    }

    // Returns true when the message was handed over locally.
    private async Task<bool> SendAsync(QueueClient queue, TaskMessage message, TimeSpan? delay, ILocalTaker? local, CancellationToken cancellationToken)
    {
        SendReceipt receipt;
        string text;
        string? blobName;
        try
        {
            (text, blobName) = await codec.EncodeWithBlobAsync(message, cancellationToken).ConfigureAwait(false);
            receipt = await queue.SendMessageAsync(text, local is null ? delay : visibility, QueueClient.NeverExpires, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            local?.CancelReservation();
            throw;
        }

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

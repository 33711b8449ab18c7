using DurableAgents.Orchestration.AzureStorage.Activities;
using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;
using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>
/// <see cref="AzureStorageMode.Triggered"/> mode: a Functions <c>queueTrigger</c> (custom handler) hands over one message at a time.
/// Bind one trigger to each control queue (<c>{hub}-control-0</c> .. <c>{hub}-control-{n-1}</c>) calling
/// <see cref="ProcessControlMessageAsync"/> and one to <c>{hub}-workitems</c> calling <see cref="ProcessWorkItemMessageAsync"/>.
/// Needed on plans that scale to zero (Consumption, Flex Consumption), where only triggers wake the app; on Premium, Dedicated
/// (always-on) and container hosting use <see cref="AzureStorageMode.Polling"/>. Do not mix the modes on one task hub.
/// </summary>
public sealed partial class AzureStorageOrchestrationService
{
    private const int ConflictAttempts = 8;
    private readonly SemaphoreSlim[] _instanceGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>
    /// Runs one episode for one control-queue message handed over by a trigger: reads the state with its ETag, runs the worker,
    /// stores with If-Match (retrying on conflicts with a fresh read). Returns normally when the message is consumed (the trigger
    /// then deletes it); throws when it could not be stored, so that the trigger delivers it again.
    /// </summary>
    public async Task ProcessControlMessageAsync(string messageText, string messageId, int dequeueCount, DurableTaskWorker worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        ArgumentNullException.ThrowIfNull(worker);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        if (await TryDecodeHandedOverAsync(messageText, messageId, cancellationToken).ConfigureAwait(false) is not { } decoded)
        {
            return;
        }

        var message = decoded.Message;
        var now = _clock.GetUtcNow().UtcDateTime;
        if (message.VisibleAt is { } due && due > now)
        {
            // Too early (a timer between hops, or rounding): send it back with the remaining delay, at least a second.
            var delay = TimerHops.Delay(due, now, _options.MaxTimerHop) is { } d && d >= TimeSpan.FromSeconds(1) ? d : TimeSpan.FromSeconds(1);
            await _sender.ResendAsync(_layout.PartitionOf(message.InstanceId), AsQueueText(messageText), delay, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Invocations in this process for one instance take turns; across processes the ETag check decides.
        var gate = _instanceGates[(int)(Naming.PartitionHash.Fnv1a(message.InstanceId) % (uint)_instanceGates.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RunHandedOverEpisodeAsync(message, dequeueCount, worker, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        await _codec.DeleteBlobAsync(decoded.BlobName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one activity handed over by a trigger on the work-item queue and sends its result to the instance; throws when the
    /// result could not be sent, so that the trigger delivers the message again.
    /// </summary>
    public async Task ProcessWorkItemMessageAsync(string messageText, string messageId, int dequeueCount, DurableTaskWorker worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        ArgumentNullException.ThrowIfNull(worker);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        if (await TryDecodeHandedOverAsync(messageText, messageId, cancellationToken).ConfigureAwait(false) is not { } decoded)
        {
            return;
        }

        // Results ride on work-item messages only in Polling mode, but a task hub switched from it may still hold some.
        if (!await _sender.DeliverCarriedResultsAsync(decoded, cancellationToken).ConfigureAwait(false))
        {
            await _codec.DeleteBlobAsync(decoded.BlobName, cancellationToken).ConfigureAwait(false);
            return;
        }

        var workItem = new ActivityWorkItem { Message = decoded.Message, DequeueCount = Math.Max(1, dequeueCount), LockToken = TriggeredActivityLock.Instance };
        await worker.RunActivityWorkItemAsync(workItem, cancellationToken).ConfigureAwait(false);
        await _codec.DeleteBlobAsync(decoded.BlobName, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunHandedOverEpisodeAsync(TaskMessage message, int dequeueCount, DurableTaskWorker worker, CancellationToken cancellationToken)
    {
        var id = message.InstanceId;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null && message.Event is not ExecutionStartedEvent)
            {
                LogDroppedMessages(id, 1);
                return;
            }

            var workItem = CreateWorkItem(id, stored, [message], new OrchestrationLock(null, [], stored));
            try
            {
                await worker.RunOrchestrationWorkItemAsync(workItem, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InstanceConflictException) when (attempt < ConflictAttempts)
            {
                // Another invocation stored first: run again on its result (the engine ignores what was already applied).
                LogTriggeredConflict(id, attempt, dequeueCount);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<DecodedMessage?> TryDecodeHandedOverAsync(string messageText, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            return await _codec.DecodeAsync(messageText, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestException ex) when (ex.IsNotFound)
        {
            // The large-message blob is gone: an earlier delivery of this message was processed and cleaned up.
            LogAlreadyConsumed(messageId);
            return null;
        }
    }

    // A trigger may hand over decoded text; the queue must get base64 back, as the trigger expects it.
    private static string AsQueueText(string messageText) =>
        messageText.TrimStart().StartsWith('{') ? QueueMessageEncoding.ToBase64(messageText) : messageText;

    [LoggerMessage(EventId = 5400, Level = LogLevel.Debug, Message = "Instance {InstanceId} changed while a handed-over episode ran (attempt {Attempt}, dequeue count {DequeueCount}); retrying")]
    private partial void LogTriggeredConflict(string instanceId, int attempt, int dequeueCount);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Message {MessageId} refers to a large-message blob that is gone; it was already consumed")]
    private partial void LogAlreadyConsumed(string messageId);
}

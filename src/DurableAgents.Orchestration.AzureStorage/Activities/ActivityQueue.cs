using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage.Activities;

/// <summary>Takes activity work from the shared work-item queue, which any host may read.</summary>
internal sealed partial class ActivityQueue(
    QueueClient queue, MessageCodec codec, AzureStorageOrchestrationOptions options, ILogger logger) : ILocalTaker
{
    private const int BatchSize = 8;
    private const int LocalLimit = 4;
    private readonly System.Collections.Concurrent.ConcurrentQueue<ActivityWorkItem> _fetched = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PollSignal _poke = new();

    /// <summary>Wakes an idle poller: work was just sent.</summary>
    public void Poke() => _poke.Set();

    /// <summary>Takes a few just-sent activities without a queue round trip; the rest go through the queue, to any host.</summary>
    public bool HasRoom => _fetched.Count < LocalLimit;

    /// <inheritdoc />
    public bool TryTake(QueueMessageHandle handle)
    {
        _fetched.Enqueue(new ActivityWorkItem
        {
            Message = handle.Decoded.Message,
            DequeueCount = Math.Max(1, handle.DequeueCount),
            LockToken = new ActivityLock(handle, options.MessageVisibilityTimeout),
        });
        _poke.Set();
        return true;
    }

    /// <summary>Waits for the next activity; polls with back-off while the queue is empty. Storage failures propagate to the worker, which backs off.</summary>
    public async Task<ActivityWorkItem?> LockNextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var idle = options.MinPollingDelay;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_fetched.TryDequeue(out var ready))
                {
                    return ready;
                }

                var batch = await queue.ReceiveMessagesAsync(BatchSize, options.MessageVisibilityTimeout, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    await _poke.WaitAsync(idle, cancellationToken).ConfigureAwait(false);
                    idle = idle * 2 < options.MaxPollingDelay ? idle * 2 : options.MaxPollingDelay;
                    continue;
                }

                foreach (var received in batch)
                {
                    if (await TryDecodeAsync(received, cancellationToken).ConfigureAwait(false) is { } decoded)
                    {
                        var handle = new QueueMessageHandle(queue, received, decoded);
                        _fetched.Enqueue(new ActivityWorkItem
                        {
                            Message = decoded.Message,
                            DequeueCount = handle.DequeueCount,
                            LockToken = new ActivityLock(handle, options.MessageVisibilityTimeout),
                        });
                    }
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hands fetched but not started activities back to the queue (on shutdown), so other hosts run them at once.</summary>
    public async Task ReleaseFetchedAsync()
    {
        while (_fetched.TryDequeue(out var item))
        {
            if (item.LockToken is ActivityLock activityLock)
            {
                await activityLock.DisposeAsync().ConfigureAwait(false);
                try
                {
                    await activityLock.Handle.ReleaseAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                }
                catch (StorageRequestException)
                {
                    // It reappears when its visibility lapses.
                }
            }
        }
    }

    private async Task<DecodedMessage?> TryDecodeAsync(QueueMessage received, CancellationToken cancellationToken)
    {
        try
        {
            return await codec.DecodeAsync(received.MessageText, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException || ex is StorageRequestException { IsNotFound: true })
        {
            LogUnreadable(ex, received.MessageId, queue.Name);
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Error, Message = "Work-item message {MessageId} in {Queue} is unreadable and was deleted")]
    private partial void LogUnreadable(Exception ex, string messageId, string queue);
}

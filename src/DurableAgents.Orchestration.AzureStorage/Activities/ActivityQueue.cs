using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage.Activities;

/// <summary>Takes activity work from the shared work-item queue, which any host may read.</summary>
/// <remarks>
/// A message here may also carry an activity result (written into it by the host that ran the activity, see
/// <see cref="MessageSender.TryHandOverResultAsync"/>); <paramref name="deliver"/> sends such results to their instances and says
/// whether an activity is left to run (<see cref="MessageSender.DeliverCarriedResultsAsync"/>).
/// </remarks>
internal sealed partial class ActivityQueue(
    QueueClient queue, MessageCodec codec, AzureStorageOrchestrationOptions options, Func<DecodedMessage, CancellationToken, Task<bool>> deliver,
    ILogger logger) : ILocalTaker
{
    private const int BatchSize = 8;
    // As many as a worker runs at once by default (8 per core): past that, just-sent work goes to the queue for any host. A lower
    // cap sent a busy host's own next activities round through the queue and its results through control queues (twice the requests).
    private const int LocalLimit = 16;
    private readonly System.Collections.Concurrent.ConcurrentQueue<ActivityWorkItem> _fetched = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PollSignal _poke = new();

    // The poll back-off lives across calls: a worker slot that just took a local item must not poll the queue on its way back
    // (on a busy host that would be one empty receive per activity). Guarded by _gate.
    private TimeSpan _idle = options.MinPollingDelay;
    private DateTimeOffset _nextPoll = DateTimeOffset.MinValue;
    private volatile bool _pollNow;

    // Local slots claimed by sends still in flight (see TryReserve).
    private int _reserved;

    /// <summary>Wakes an idle poller: this host just put visible work in the queue, so look at once.</summary>
    public void Poke()
    {
        _pollNow = true;
        _poke.Set();
    }

    /// <summary>Claims one of the few local slots for a just-sent activity (no queue round trip); the rest go through the queue, to any host.</summary>
    public bool TryReserve()
    {
        while (true)
        {
            var reserved = Volatile.Read(ref _reserved);
            if (reserved + _fetched.Count >= LocalLimit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _reserved, reserved + 1, reserved) == reserved)
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public void CancelReservation() => Interlocked.Decrement(ref _reserved);

    /// <inheritdoc />
    public bool TryTake(QueueMessageHandle handle)
    {
        Interlocked.Decrement(ref _reserved); // every take follows a reservation
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
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_fetched.TryDequeue(out var ready))
                {
                    return ready;
                }

                var wait = _nextPoll - DateTimeOffset.UtcNow;
                if (!_pollNow && wait > TimeSpan.Zero)
                {
                    await _poke.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_pollNow)
                {
                    _pollNow = false;
                    _idle = options.MinPollingDelay;
                }

                var batch = await queue.ReceiveMessagesAsync(BatchSize, options.MessageVisibilityTimeout, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    _nextPoll = DateTimeOffset.UtcNow + _idle;
                    _idle = _idle * 2 < options.MaxPollingDelay ? _idle * 2 : options.MaxPollingDelay;
                    continue;
                }

                _idle = options.MinPollingDelay;
                _nextPoll = DateTimeOffset.MinValue;
                foreach (var received in batch)
                {
                    if (await TryDecodeAsync(received, cancellationToken).ConfigureAwait(false) is { } decoded
                        && new QueueMessageHandle(queue, received, decoded) is var handle
                        && await DeliverResultsAsync(handle, cancellationToken).ConfigureAwait(false))
                    {
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

    /// <summary>Delivers the results a received message carries; true when it also asks for an activity to run, else it is deleted.</summary>
    private async Task<bool> DeliverResultsAsync(QueueMessageHandle handle, CancellationToken cancellationToken)
    {
        if (await deliver(handle.Decoded, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        await handle.DeleteAsync(cancellationToken).ConfigureAwait(false);
        await codec.DeleteBlobAsync(handle.Decoded.BlobName, cancellationToken).ConfigureAwait(false);
        return false;
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

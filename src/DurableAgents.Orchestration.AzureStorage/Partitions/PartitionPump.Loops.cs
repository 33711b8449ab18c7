using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Storage;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage.Partitions;

/// <summary>The fetch and visibility-renewal loops, and stopping.</summary>
internal sealed partial class PartitionPump
{
    private const int BatchSize = 32;
    private static readonly TimeSpan MaxErrorDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Stops the pump. Graceful (rebalancing, shutdown): waits briefly for running episodes and makes held messages visible again so
    /// the next owner sees them at once. Not graceful (lease lost): just drops everything; the messages reappear when their visibility lapses.
    /// </summary>
    public async Task StopAsync(bool graceful, TimeSpan drainTimeout)
    {
        _active = false;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loops.ConfigureAwait(false);
        if (graceful)
        {
            var deadline = DateTime.UtcNow + drainTimeout;
            while (DateTime.UtcNow < deadline && AnyLocked())
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            List<QueueMessageHandle> unlocked;
            lock (_gate)
            {
                unlocked = _held.Values.Where(h => !IsLockedMessage(h)).ToList();
            }

            try
            {
                await Task.WhenAll(unlocked.Select(h => h.ReleaseAsync(TimeSpan.Zero, CancellationToken.None))).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogReleaseFailed(ex, Partition);
            }
        }

        lock (_gate)
        {
            _instances.Clear();
            _held.Clear();
            _states.Clear();
        }

        _stop.Dispose();
    }

    private bool AnyLocked()
    {
        lock (_gate)
        {
            return _instances.Values.Any(b => b.Locked);
        }
    }

    // Held messages in no pending list belong to a locked work item (or a held timer); locked ones stay with their work item.
    private bool IsLockedMessage(QueueMessageHandle handle) =>
        _instances.TryGetValue(handle.Decoded.Message.InstanceId, out var b) && b.Locked && !b.Pending.Contains(handle);

    private async Task ReceiveLoopAsync(CancellationToken stopping)
    {
        var idleDelay = _options.MinPollingDelay;
        var errorDelay = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                int held;
                lock (_gate)
                {
                    held = _held.Count;
                }

                if (held >= _options.MaxBufferedMessagesPerPartition)
                {
                    await _poke.WaitAsync(_options.MaxPollingDelay, stopping).ConfigureAwait(false);
                    continue;
                }

                var batch = await _queue.ReceiveMessagesAsync(BatchSize, _options.MessageVisibilityTimeout, stopping).ConfigureAwait(false);
                errorDelay = TimeSpan.FromMilliseconds(250);
                if (batch.Count == 0)
                {
                    await _poke.WaitAsync(idleDelay, stopping).ConfigureAwait(false);
                    idleDelay = Min(idleDelay * 2, _options.MaxPollingDelay);
                    continue;
                }

                idleDelay = _options.MinPollingDelay;
                await Task.WhenAll(batch.Select(m => AcceptAsync(m, stopping))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFetchFailed(ex, Partition, errorDelay);
                await DelayQuietly(errorDelay, stopping).ConfigureAwait(false);
                errorDelay = Min(errorDelay * 2, MaxErrorDelay);
            }
        }
    }

    private async Task AcceptAsync(QueueMessage received, CancellationToken stopping)
    {
        QueueMessageHandle? known;
        lock (_gate)
        {
            known = _held.GetValueOrDefault(received.MessageId);
        }

        if (known is not null)
        {
            // Its visibility lapsed (e.g. during an outage) and the queue handed it out again: keep one copy, with the new receipt.
            await known.AdoptAsync(received).ConfigureAwait(false);
            return;
        }

        DecodedMessage decoded;
        try
        {
            decoded = await _codec.DecodeAsync(received.MessageText, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException || ex is StorageRequestException { IsNotFound: true })
        {
            LogUnreadableMessage(ex, received.MessageId, _queue.Name);
            await _queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, stopping).ConfigureAwait(false);
            return;
        }

        var handle = new QueueMessageHandle(_queue, received, decoded);
        var now = _clock.GetUtcNow().UtcDateTime;
        if (decoded.Message.VisibleAt is { } due && due > now && !TimerHops.ShouldHold(due, now, HoldWindow))
        {
            // Too early and not due soon (a long timer between hops): put it back with the remaining delay.
            await _sender.ResendAsync(Partition, decoded.QueueText, TimerHops.Delay(due, now, _options.MaxTimerHop), stopping).ConfigureAwait(false);
            await handle.DeleteAsync(stopping).ConfigureAwait(false);
            return;
        }

        bool accepted;
        var delayed = decoded.Message.VisibleAt is { } at && at > now;
        lock (_gate)
        {
            accepted = _active;
            if (accepted)
            {
                _held[received.MessageId] = handle;
                if (!delayed)
                {
                    Deliver(handle);
                }
            }
        }

        if (!accepted)
        {
            // Received while the partition was being handed back: make it visible again for the next owner.
            await handle.ReleaseAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (!delayed)
        {
            return;
        }

        _ = DeliverWhenDueAsync(handle, decoded.Message.VisibleAt!.Value - now, stopping);
    }

    private async Task DeliverWhenDueAsync(QueueMessageHandle handle, TimeSpan wait, CancellationToken stopping)
    {
        try
        {
            // The injected clock decides when a timer is due; visibility renewal keeps the message hidden meanwhile.
            // A timer's tick can land a hair before the wall clock reaches the due time, so wait until the clock agrees.
            var due = handle.Decoded.Message.VisibleAt ?? DateTime.MinValue;
            await Task.Delay(wait, _clock, stopping).ConfigureAwait(false);
            for (var left = due - _clock.GetUtcNow().UtcDateTime; left > TimeSpan.Zero; left = due - _clock.GetUtcNow().UtcDateTime)
            {
                await Task.Delay(left, _clock, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (_active && _held.ContainsKey(handle.QueueMessageId))
            {
                Deliver(handle);
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken stopping)
    {
        var visibility = _options.MessageVisibilityTimeout;
        while (!stopping.IsCancellationRequested)
        {
            await DelayQuietly(visibility / 3, stopping).ConfigureAwait(false);
            List<QueueMessageHandle> due;
            lock (_gate)
            {
                var threshold = DateTimeOffset.UtcNow + (visibility * 2 / 3);
                due = _held.Values.Where(h => h.NextVisibleOn < threshold).ToList();
            }

            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (handle, _) =>
            {
                try
                {
                    if (!await handle.RenewAsync(visibility, stopping).ConfigureAwait(false))
                    {
                        Drop(handle);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRenewFailed(ex, Partition);
                }
                catch (OperationCanceledException)
                {
                }
            }).ConfigureAwait(false);
        }
    }

    // A held message that is gone from the queue (taken by another receiver): forget it unless a work item has it.
    private void Drop(QueueMessageHandle handle)
    {
        lock (_gate)
        {
            if ((_instances.TryGetValue(handle.Decoded.Message.InstanceId, out var buffer) && buffer.Pending.Remove(handle)) || !IsLockedMessage(handle))
            {
                _held.Remove(handle.QueueMessageId);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Fetching control queue of partition {Partition} failed; retrying in {Delay}")]
    private partial void LogFetchFailed(Exception ex, int partition, TimeSpan delay);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Renewing message visibility in partition {Partition} failed")]
    private partial void LogRenewFailed(Exception ex, int partition);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Queue message {MessageId} in {Queue} is unreadable and was deleted")]
    private partial void LogUnreadableMessage(Exception ex, string messageId, string queue);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Deleting consumed messages of {InstanceId} in partition {Partition} failed; they will be de-duplicated")]
    private partial void LogDeleteFailed(Exception ex, string instanceId, int partition);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Making held messages of partition {Partition} visible again failed; they reappear when their visibility lapses")]
    private partial void LogReleaseFailed(Exception ex, int partition);
}

using System.Threading.Channels;
using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Storage;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage.Partitions;

/// <summary>
/// Runs one owned partition: fetches its control queue in batches, keeps the messages hidden while held, groups them by instance
/// and offers instances to the dispatcher; holds timers that are almost due; re-enqueues far timers in hops.
/// </summary>
internal sealed partial class PartitionPump : ILocalTaker
{
    private static readonly TimeSpan HoldWindowCap = TimeSpan.FromSeconds(5);
    private readonly QueueClient _queue;
    private readonly MessageCodec _codec;
    private readonly MessageSender _sender;
    private readonly AzureStorageOrchestrationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ChannelWriter<ReadyInstance> _ready;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceBuffer> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueMessageHandle> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredInstance> _states = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly PollSignal _poke = new();
    private Task _loops = Task.CompletedTask;
    private volatile bool _active = true;

    public PartitionPump(
        int partition, QueueClient queue, MessageCodec codec, MessageSender sender, AzureStorageOrchestrationOptions options,
        TimeProvider clock, ILogger logger, ChannelWriter<ReadyInstance> ready)
    {
        Partition = partition;
        _queue = queue;
        _codec = codec;
        _sender = sender;
        _options = options;
        _clock = clock;
        _logger = logger;
        _ready = ready;
    }

    /// <summary>The partition number.</summary>
    public int Partition { get; }

    /// <summary>False once the partition was released or lost; its work items can no longer be locked.</summary>
    public bool IsActive => _active;

    private TimeSpan HoldWindow => _options.MaxTimerHop < HoldWindowCap ? _options.MaxTimerHop : HoldWindowCap;

    public void Start() => _loops = Task.WhenAll(
        Task.Run(() => ReceiveLoopAsync(_stop.Token), CancellationToken.None),
        Task.Run(() => RenewLoopAsync(_stop.Token), CancellationToken.None));

    /// <summary>Cuts the poller's back-off short: a message was just sent to this partition.</summary>
    public void Poke() => _poke.Set();

    /// <inheritdoc />
    public bool TryReserve() => _active; // a partition takes every message while it owns the partition

    /// <inheritdoc />
    public bool TryTake(QueueMessageHandle handle)
    {
        lock (_gate)
        {
            if (!_active)
            {
                return false;
            }

            _held[handle.QueueMessageId] = handle;
            Deliver(handle);
            return true;
        }
    }

    /// <summary>Locks the instance and takes its pending messages; null when it is locked, empty, or the partition is gone.</summary>
    public IReadOnlyList<QueueMessageHandle>? TryLock(string instanceId)
    {
        lock (_gate)
        {
            if (!_active || !_instances.TryGetValue(instanceId, out var buffer))
            {
                return null;
            }

            buffer.Queued = false;
            if (buffer.Locked || buffer.Pending.Count == 0)
            {
                return null;
            }

            buffer.Locked = true;
            var messages = buffer.Pending.ToList();
            buffer.Pending.Clear();
            return messages;
        }
    }

    /// <summary>
    /// After a stored episode: unlocks the instance at once (its next episode may start) and deletes the consumed messages and their
    /// large-message blobs in the background. They are forgotten at once, so that a hand-back on release never revives them.
    /// </summary>
    /// <remarks>Messages in <paramref name="keep"/> were rewritten to carry new work: they are forgotten but not deleted.</remarks>
    public void Complete(string instanceId, IReadOnlyList<QueueMessageHandle> consumed, IReadOnlyList<QueueMessageHandle>? keep = null)
    {
        Unlock(instanceId, consumed, putBack: false, forget: true);
        _ = DeleteConsumedAsync(instanceId, consumed, keep ?? []);
    }

    private async Task DeleteConsumedAsync(string instanceId, IReadOnlyList<QueueMessageHandle> consumed, IReadOnlyList<QueueMessageHandle> keep)
    {
        try
        {
            await Task.WhenAll(consumed.Except(keep).Select(h => h.DeleteAsync(CancellationToken.None))).ConfigureAwait(false);
            await Task.WhenAll(consumed.Select(h => _codec.DeleteBlobAsync(h.Decoded.BlobName, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The episode is stored; undeleted messages come back and are recognised as duplicates.
            LogDeleteFailed(ex, instanceId, Partition);
        }
    }

    /// <summary>Unlocks without consuming: the messages go back to the front of the instance's queue.</summary>
    public void Abandon(string instanceId, IReadOnlyList<QueueMessageHandle> messages) => Unlock(instanceId, messages, putBack: true, forget: false);

    /// <summary>Drops the instance's cached state (e.g. after an ETag conflict).</summary>
    public void ForgetState(string instanceId)
    {
        lock (_gate)
        {
            _states.Remove(instanceId);
        }
    }

    /// <summary>The state as this partition last wrote or read it, if it still holds it.</summary>
    public StoredInstance? CachedState(string instanceId)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault(instanceId);
        }
    }

    /// <summary>Remembers the state after a read or a successful write.</summary>
    public void RememberState(string instanceId, StoredInstance stored)
    {
        lock (_gate)
        {
            if (_active)
            {
                _states[instanceId] = stored;
            }
        }
    }

    private void Unlock(string instanceId, IReadOnlyList<QueueMessageHandle> messages, bool putBack, bool forget)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var buffer))
            {
                return;
            }

            if (putBack)
            {
                buffer.Pending.InsertRange(0, messages.Where(m => !m.Finished));
            }
            else if (forget)
            {
                foreach (var m in messages)
                {
                    _held.Remove(m.QueueMessageId);
                }
            }

            buffer.Locked = false;
            if (buffer.Pending.Count == 0)
            {
                _instances.Remove(instanceId);
            }
            else
            {
                MarkReady(instanceId, buffer);
            }
        }
    }

    private void MarkReady(string instanceId, InstanceBuffer buffer)
    {
        if (_active && !buffer.Locked && !buffer.Queued && buffer.Pending.Count > 0)
        {
            buffer.Queued = true;
            _ready.TryWrite(new ReadyInstance(this, instanceId));
        }
    }

    private void Deliver(QueueMessageHandle handle)
    {
        var instanceId = handle.Decoded.Message.InstanceId;
        if (!_instances.TryGetValue(instanceId, out var buffer))
        {
            _instances[instanceId] = buffer = new InstanceBuffer();
        }

        buffer.Pending.Add(handle);
        MarkReady(instanceId, buffer);
    }
}

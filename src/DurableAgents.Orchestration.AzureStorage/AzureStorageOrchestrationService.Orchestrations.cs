using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Partitions;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>Orchestration work items: lock from an owned partition, commit an episode, abandon.</summary>
public sealed partial class AzureStorageOrchestrationService
{
    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == AzureStorageMode.Triggered)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var ready = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!ready.Pump.IsActive || ready.Pump.TryLock(ready.InstanceId) is not { } handles)
            {
                continue;
            }

            var id = ready.InstanceId;
            StoredInstance? stored;
            try
            {
                // The cached state is only trusted while running: a client may replace or purge a finished instance from outside.
                stored = ready.Pump.CachedState(id) is { Record.State.RuntimeStatus: var s } cached && !s.IsTerminal()
                    ? cached
                    : await _store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _ = AbandonLaterAsync(ready.Pump, id, handles);
                throw;
            }

            var messages = handles.Select(h => h.Decoded.Message).ToList();
            if (stored is null && !messages.Any(m => m.Event is ExecutionStartedEvent))
            {
                LogDroppedMessages(id, messages.Count);
                ready.Pump.Complete(id, handles);
                continue;
            }

            if (stored is not null)
            {
                ready.Pump.RememberState(id, stored);
            }

            return CreateWorkItem(id, stored, messages, new OrchestrationLock(ready.Pump, handles, stored));
        }
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var token = workItem.LockToken as OrchestrationLock
            ?? throw new ArgumentException("The work item was not locked by this backend.", nameof(workItem));
        var rewritten = new List<(QueueMessageHandle Handle, DecodedMessage Activity)>();
        var stored = await CommitEpisodeAsync(workItem.InstanceId, token, result, rewritten, cancellationToken).ConfigureAwait(false);
        if (token.Pump is { } pump)
        {
            if (stored is not null)
            {
                pump.RememberState(workItem.InstanceId, stored);
            }

            pump.Complete(workItem.InstanceId, token.Handles, keep: rewritten.Select(r => r.Handle).ToList());
            foreach (var (handle, activity) in rewritten)
            {
                await _sender.DispatchRewrittenAsync(handle, activity, cancellationToken).ConfigureAwait(false);
            }
        }

        // Waiters only care about the runtime status; waking them for every episode would cost each a state read.
        if (stored?.Record.State.RuntimeStatus != token.Stored?.Record.State.RuntimeStatus)
        {
            SignalStateChanged(workItem.InstanceId);
        }
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.LockToken is OrchestrationLock { Pump: { } pump } token)
        {
            await AbandonLaterAsync(pump, workItem.InstanceId, token.Handles).ConfigureAwait(false);
        }
    }

    private static async Task AbandonLaterAsync(PartitionPump pump, string instanceId, IReadOnlyList<QueueMessageHandle> handles)
    {
        // The stored state may have moved on (an ETag conflict): read it afresh next time. The pause keeps a failing
        // instance from spinning.
        pump.ForgetState(instanceId);
        await Task.Delay(AbandonDelay, CancellationToken.None).ConfigureAwait(false);
        pump.Abandon(instanceId, handles);
    }

    private OrchestrationWorkItem CreateWorkItem(string instanceId, StoredInstance? stored, IReadOnlyList<TaskMessage> messages, OrchestrationLock token) => new()
    {
        InstanceId = instanceId,
        State = stored?.Record.State,
        NewMessages = messages,
        LoadHistoryAsync = async ct => stored is null ? [] : await _store.LoadHistoryAsync(stored.Record, ct).ConfigureAwait(false),
        LockToken = token,
    };

    /// <summary>
    /// Stores an episode in the crash-safe order: history chunk, outgoing messages, then the state entity with If-Match (the commit
    /// point). A crash before the state write leaves an unreferenced chunk and messages that the engine recognises when the episode
    /// runs again. Returns the new state, or the old one when there was nothing to store.
    /// </summary>
    private async Task<StoredInstance?> CommitEpisodeAsync(
        string instanceId, OrchestrationLock token, OrchestrationWorkItemResult result, List<(QueueMessageHandle, DecodedMessage)> rewritten,
        CancellationToken cancellationToken)
    {
        var stored = token.Stored;
        if (result.NewEvents.Count == 0 && !result.ReplaceHistory && result.ActivityMessages.Count == 0 && result.OrchestratorMessages.Count == 0)
        {
            return stored; // Duplicates or stale messages only: nothing to store, the messages are just consumed.
        }

        var previous = stored?.Record;
        var generation = previous is null ? 0 : result.ReplaceHistory ? previous.Generation + 1 : previous.Generation;
        var fresh = previous is null || result.ReplaceHistory;
        var chunks = fresh ? new List<string>() : previous!.Chunks.ToList();
        var tail = (fresh ? [] : previous!.Tail ?? []).Concat(result.NewEvents).ToList();

        // The chunk and the messages only need to precede the state write, not each other.
        var chunk = Task.FromResult<string?>(null);
        if (result.NewEvents.Count > 0 && System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(tail, HistorySerializer.Options) is { } bytes
            && bytes.Length > InstanceRecord.InlineLimitBytes)
        {
            chunk = _store.WriteChunkAsync(instanceId, generation, chunks.Count, bytes, cancellationToken);
            tail = [];
        }

        var activities = await RewriteConsumedAsync(token, result.ActivityMessages, rewritten, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(
            activities.Select(m => _sender.SendActivityAsync(m, cancellationToken))
                .Concat(result.OrchestratorMessages.Select(m => _sender.SendToInstanceAsync(m, cancellationToken)))
                .Append(chunk)).ConfigureAwait(false);
        if (await chunk.ConfigureAwait(false) is { } chunkId)
        {
            chunks.Add(chunkId);
        }

        var record = new InstanceRecord(result.State, generation, chunks, tail);
        try
        {
            var written = await _store.WriteAsync(record, stored, cancellationToken).ConfigureAwait(false);
            if (result.ReplaceHistory && previous is not null)
            {
                if (previous.Chunks.Count > 0)
                {
                    _ = DeleteHistoryQuietlyAsync(previous);
                }
            }

            return written;
        }
        catch (StorageRequestException ex) when (ex.IsPreconditionFailed || ex.IsConflict)
        {
            throw new InstanceConflictException(instanceId, ex);
        }
    }

    /// <summary>
    /// Sends new activities by rewriting consumed work-item messages that carry this episode's activity results, where it can (one
    /// request instead of a send and a delete; see MessageSender.TryRewriteAsActivityAsync). Returns the activities still to send.
    /// </summary>
    private async Task<IReadOnlyList<TaskMessage>> RewriteConsumedAsync(
        OrchestrationLock token, IReadOnlyList<TaskMessage> activities, List<(QueueMessageHandle, DecodedMessage)> rewritten,
        CancellationToken cancellationToken)
    {
        if (token.Pump is null || activities.Count == 0)
        {
            return activities;
        }

        var carriers = new Queue<QueueMessageHandle>(token.Handles.Where(h => ReferenceEquals(h.Queue, _workItems) && !h.Finished && h.Decoded.Carried is null));
        var rest = new List<TaskMessage>();
        foreach (var activity in activities)
        {
            if (carriers.TryDequeue(out var carrier)
                && await _sender.TryRewriteAsActivityAsync(carrier, activity, cancellationToken).ConfigureAwait(false) is { } decoded)
            {
                rewritten.Add((carrier, decoded));
            }
            else
            {
                rest.Add(activity);
            }
        }

        return rest;
    }

    private async Task DeleteHistoryQuietlyAsync(InstanceRecord replaced)
    {
        try
        {
            await _store.DeleteChunksAsync(replaced, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHistoryCleanupFailed(ex, replaced.State.InstanceId);
        }
    }

    /// <summary>The lock data of an orchestration work item; <see cref="Pump"/> is null for a trigger-delivered message.</summary>
    private sealed record OrchestrationLock(PartitionPump? Pump, IReadOnlyList<QueueMessageHandle> Handles, StoredInstance? Stored);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Dropped {Count} message(s) for instance {InstanceId}, which does not exist and was not being started")]
    private partial void LogDroppedMessages(string instanceId, int count);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Deleting the replaced history of {InstanceId} failed; the blobs are left as garbage")]
    private partial void LogHistoryCleanupFailed(Exception ex, string instanceId);
}

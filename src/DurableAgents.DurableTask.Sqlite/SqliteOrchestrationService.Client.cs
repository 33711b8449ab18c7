using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    static readonly OrchestrationStatus[] LiveStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    /// <summary>Creates an instance; refuses an id whose instance is still running, pending or suspended.</summary>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, LiveStatuses);

    /// <summary>Creates an instance, durably (fsynced) before it returns. An existing instance with the same id is
    /// replaced only when it has finished and its status is not in <paramref name="dedupeStatuses"/>; a live one
    /// (pending, running, suspended) is always refused, since replacing it would orphan its work in flight.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is taken by an instance that may not be replaced.</exception>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        var start = MessageValidation.ValidateCreation(creationMessage);
        await EnsureOpenAsync().ConfigureAwait(false);
        Task commit;
        lock (gate)
        {
            string id = creationMessage.OrchestrationInstance.InstanceId;
            var existing = instances.GetValueOrDefault(id);
            if (existing is not null && (existing.IsRunningOrPending || (dedupeStatuses ?? LiveStatuses).Contains(existing.Status)))
            {
                throw new OrchestrationAlreadyExistsException(
                    $"An orchestration with instance id '{id}' already exists and is {existing.Status}. " +
                    (existing.IsRunningOrPending ? "Wait for it to finish or terminate it, or use another instance id." : "Purge it first, allow replacing this status, or use another instance id."));
            }

            var now = UtcNow;
            var record = new InstanceRecord(id)
            {
                ExecutionId = creationMessage.OrchestrationInstance.ExecutionId,
                Name = start.Name,
                CreatedUtc = now,
                LastUpdatedUtc = now,
                Reserved = true,
            };
            var set = new WriteSet { FullSync = true };
            if (existing is not null)
            {
                set.DeletedInstances.Add(id);
            }

            set.Instances.Add(NewInstanceRow(record, start, now));
            var message = new PendingMessage(NewId(), creationMessage, start.ScheduledStartTime);
            set.Messages.Add(new MessageRow(message.Id, creationMessage, message.VisibleAtUtc));
            instances[id] = record;
            set.Committed = () =>
            {
                record.Reserved = false;
                DeliverCommitted(message);
            };
            set.Failed = _ =>
            {
                if (ReferenceEquals(instances.GetValueOrDefault(id), record))
                {
                    RestoreOrRemove(id, existing);
                }
            };
            commit = Enqueue(set);
        }

        await commit.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <summary>Sends messages (events, terminate, suspend, resume) to existing instances, durably (fsynced) before it
    /// returns. A message for an instance that does not exist fails the whole call with <see cref="ArgumentException"/>
    /// and sends nothing; one for a finished instance is dropped with a log.</summary>
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            MessageValidation.ValidateMessage(message);
        }

        await EnsureOpenAsync().ConfigureAwait(false);
        Task commit;
        lock (gate)
        {
            var missing = messages.Select(m => m.OrchestrationInstance.InstanceId).Where(id => !instances.ContainsKey(id)).Distinct().ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException(
                    $"No orchestration instance with id {string.Join(", ", missing.Select(id => $"'{id}'"))} exists in task hub '{databasePath}', so nothing was sent. Create the instance first, or check the id.",
                    nameof(messages));
            }

            var set = new WriteSet { FullSync = true };
            var pending = new List<PendingMessage>(messages.Length);
            foreach (var message in messages)
            {
                var record = instances[message.OrchestrationInstance.InstanceId];
                if (record.IsTerminal && message.Event is not ExecutionStartedEvent)
                {
                    Logging.Log.MessageDropped(logger, record.InstanceId, message.Event.EventType.ToString(), $"the instance is already {record.Status}");
                    continue;
                }

                set.Messages.Add(new PendingMessage(NewId(), message).NewRow(out var item));
                pending.Add(item);
            }

            if (set.IsEmpty)
            {
                return;
            }

            set.Committed = () => pending.ForEach(DeliverCommitted);
            commit = Enqueue(set);
        }

        await commit.ConfigureAwait(false);
    }

    /// <summary>Terminates a running instance (DTFx ends it at its next episode); a finished instance is left as it is.</summary>
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
    {
        MessageValidation.ValidateInstanceId(instanceId);
        return SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });
    }

    void RestoreOrRemove(string id, InstanceRecord? previous)
    {
        if (previous is null)
        {
            instances.Remove(id);
        }
        else
        {
            instances[id] = previous;
        }
    }
}

using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc/>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var item = (SqliteWorkItem)workItem;
        Task commit;
        lock (gate)
        {
            var episode = new Episode(this, item, newOrchestrationRuntimeState, orchestrationState);
            episode.AddActivities(outboundMessages);
            episode.AddTimers(timerMessages);
            episode.AddOrchestratorMessages(orchestratorMessages);
            if (continuedAsNewMessage is not null)
            {
                episode.AddOrchestratorMessages([continuedAsNewMessage]);
            }

            commit = Enqueue(episode.Build());
        }

        await commit.ConfigureAwait(false);
    }

    /// <summary>Everything one episode writes and, once committed, makes happen.</summary>
    sealed partial class Episode
    {
        readonly SqliteOrchestrationService service;
        readonly SqliteWorkItem item;
        readonly InstanceRecord record;
        readonly OrchestrationRuntimeState state;
        readonly OrchestrationState? status;
        readonly WriteSet set = new();
        readonly List<ActivityEntry> newActivities = [];
        readonly List<PendingMessage> newMessages = [];
        readonly List<(InstanceRecord Child, InstanceRecord? Replaced)> children = [];
        readonly List<PendingMessage> consumed;
        readonly List<DeferredWrite> absorbed = [];
        Dictionary<HistoryEvent, MessageRow>? rowsByEvent;

        public Episode(SqliteOrchestrationService service, SqliteWorkItem item, OrchestrationRuntimeState state, OrchestrationState? status)
        {
            this.service = service;
            this.item = item;
            record = item.Record;
            this.state = state;
            this.status = status;
            consumed = item.InFlight;
            foreach (var message in consumed)
            {
                if (message.Deferred is { Taken: false } deferred)
                {
                    // The result was never written: this commit deletes its work item and stores it as history only.
                    deferred.Taken = true;
                    absorbed.Add(deferred);
                    set.DeletedActivities.AddRange(deferred.Set.DeletedActivities);
                }
                else
                {
                    set.DeletedMessages.Add(message.Id);
                }
            }

            if (status is not null)
            {
                AddHistoryAndInstance();
            }
        }

        string InstanceId => record.InstanceId;

        bool Finishes => status is not null && InstanceRecord.IsTerminalStatus(status.OrchestrationStatus);

        void AddHistoryAndInstance()
        {
            string executionId = state.OrchestrationInstance?.ExecutionId ?? record.ExecutionId;
            // ContinueAsNew (DTFx runs the new execution in the same work item), possibly in the instance's first episode.
            bool newExecution = executionId != record.ExecutionId;
            if (newExecution && record.Started)
            {
                set.TrimmedHistories.Add((InstanceId, executionId));
            }

            // Counted by the work item rather than read off the runtime state, whose list a session may have trimmed.
            int seq = newExecution || !record.Started ? 0 : item.StoredEventCount;
            foreach (var historyEvent in state.NewEvents)
            {
                set.History.Add(new HistoryRow(InstanceId, executionId, seq++, (int)historyEvent.EventType, Serialize(historyEvent)));
            }

            item.StoredEventCount = seq;

            var now = service.UtcNow;
            var start = state.ExecutionStartedEvent;
            set.Instances.Add(new InstanceRow
            {
                InstanceId = InstanceId,
                ExecutionId = executionId,
                Name = start?.Name ?? record.Name,
                Version = start?.Version,
                Status = status!.OrchestrationStatus,
                CreatedUtc = record.CreatedUtc,
                LastUpdatedUtc = now,
                CompletedUtc = Finishes ? now : null,
                ScheduledStartUtc = start?.ScheduledStartTime,
                Input = start?.Input,
                Output = status.Output,
                CustomStatus = status.Status,
                FailureDetails = EventCodec.ToJson(status.FailureDetails),
                Tags = EventCodec.ToJson(start?.Tags),
                Parent = EventCodec.ToJson(start?.ParentInstance),
                Generation = start?.Generation,
                AllColumns = newExecution,
            });
            if (Finishes)
            {
                set.ClearedInstances.Add(InstanceId);
            }
        }

        /// <summary>The event's JSON, shared with the row of the message that brought it (a result is then serialized once).</summary>
        string Serialize(HistoryEvent historyEvent)
        {
            if (rowsByEvent is null)
            {
                rowsByEvent = new Dictionary<HistoryEvent, MessageRow>(ReferenceEqualityComparer.Instance);
                foreach (var message in consumed)
                {
                    if (message.Row is { } row)
                    {
                        rowsByEvent.TryAdd(message.Message.Event, row);
                    }
                }
            }

            return rowsByEvent.TryGetValue(historyEvent, out var source) ? source.Data : EventCodec.Serialize(historyEvent);
        }

        public WriteSet Build()
        {
            set.Committed = Committed;
            set.Failed = Failed;
            return set;
        }

        void Committed()
        {
            if (ReferenceEquals(item.InFlight, consumed))
            {
                item.InFlight = [];
            }

            record.AbandonCount = 0;
            if (status is not null)
            {
                record.ExecutionId = state.OrchestrationInstance?.ExecutionId ?? record.ExecutionId;
                record.Status = status.OrchestrationStatus;
                record.LastUpdatedUtc = service.UtcNow;
                if (Finishes)
                {
                    record.CompletedUtc = record.LastUpdatedUtc;
                    record.Pending.RemoveAll(m => m.Message.Event is not ExecutionStartedEvent);
                    record.SignalWaiters();
                }
            }

            foreach (var (child, _) in children)
            {
                child.Reserved = false;
            }

            foreach (var entry in newActivities)
            {
                service.AddActivity(entry);
            }

            foreach (var message in newMessages)
            {
                service.DeliverCommitted(message);
            }
        }

        void Failed(Exception exception)
        {
            foreach (var deferred in absorbed)
            {
                // Not committed: the results go back to waiting for a commit (the work item offers them again).
                deferred.Taken = false;
                service.deferredWrites.Add(deferred);
            }

            foreach (var (child, replaced) in children)
            {
                if (ReferenceEquals(service.instances.GetValueOrDefault(child.InstanceId), child))
                {
                    if (replaced is null)
                    {
                        service.instances.Remove(child.InstanceId);
                    }
                    else
                    {
                        service.instances[child.InstanceId] = replaced;
                    }
                }
            }
        }
    }
}

using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Logging;
using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    sealed partial class Episode
    {
        public void AddActivities(IList<TaskMessage>? messages)
        {
            foreach (var message in messages ?? [])
            {
                var entry = new ActivityEntry(service.NewId(), message);
                set.Activities.Add(new MessageRow(entry.Id, message, null));
                newActivities.Add(entry);
            }
        }

        public void AddTimers(IList<TaskMessage>? messages)
        {
            foreach (var message in messages ?? [])
            {
                DateTime? fireAt = message.Event is TimerFiredEvent fired ? fired.FireAt : null;
                AddMessage(message, fireAt);
            }
        }

        /// <summary>Messages to instances: sub-orchestration starts (which create the child), events, and results to a parent.</summary>
        public void AddOrchestratorMessages(IList<TaskMessage>? messages)
        {
            foreach (var message in messages ?? [])
            {
                string target = message.OrchestrationInstance?.InstanceId ?? string.Empty;
                var existing = service.instances.GetValueOrDefault(target);
                if (message.Event is ExecutionStartedEvent start)
                {
                    AddChildStart(message, start, existing);
                }
                else if (existing is null || existing.IsTerminal)
                {
                    string reason = existing is null ? "no instance has this id" : $"the instance is {existing.Status}";
                    Log.MessageDropped(service.logger, target, message.Event.EventType.ToString(), $"sent by instance '{InstanceId}', but {reason}");
                }
                else
                {
                    AddMessage(message, null);
                }
            }
        }

        void AddChildStart(TaskMessage message, ExecutionStartedEvent start, InstanceRecord? existing)
        {
            string childId = message.OrchestrationInstance.InstanceId;
            if (existing is not null && existing.IsRunningOrPending)
            {
                Log.SubOrchestrationRefused(service.logger, InstanceId, childId, existing.Status.ToString());
                var refusal = new SubOrchestrationInstanceFailedEvent(
                    -1,
                    start.ParentInstance?.TaskScheduleId ?? -1,
                    $"An orchestration with instance id '{childId}' already exists and is {existing.Status}.",
                    null,
                    new FailureDetails("OrchestrationAlreadyExistsException", $"An orchestration with instance id '{childId}' already exists and is {existing.Status}; choose another sub-orchestration instance id.", null, null, isNonRetriable: true));
                AddMessage(new TaskMessage { Event = refusal, OrchestrationInstance = state.OrchestrationInstance }, null);
                return;
            }

            var now = service.UtcNow;
            var child = new InstanceRecord(childId)
            {
                ExecutionId = message.OrchestrationInstance.ExecutionId ?? string.Empty,
                Name = start.Name,
                CreatedUtc = now,
                LastUpdatedUtc = now,
                Reserved = true,
            };
            if (existing is not null)
            {
                set.DeletedInstances.Add(childId);
            }

            set.Instances.Add(NewInstanceRow(child, start, now));
            service.instances[childId] = child;
            children.Add((child, existing));
            AddMessage(message, start.ScheduledStartTime);
        }

        void AddMessage(TaskMessage message, DateTime? visibleAt)
        {
            set.Messages.Add(new PendingMessage(service.NewId(), message, visibleAt).NewRow(out var pending));
            newMessages.Add(pending);
        }
    }

    /// <summary>The row of a new instance (Pending) created by a client or a parent.</summary>
    static InstanceRow NewInstanceRow(InstanceRecord record, ExecutionStartedEvent start, DateTime now) => new()
    {
        InstanceId = record.InstanceId,
        ExecutionId = record.ExecutionId,
        Name = start.Name,
        Version = start.Version,
        Status = OrchestrationStatus.Pending,
        CreatedUtc = now,
        LastUpdatedUtc = now,
        ScheduledStartUtc = start.ScheduledStartTime,
        Input = start.Input,
        Tags = EventCodec.ToJson(start.Tags),
        Parent = EventCodec.ToJson(start.ParentInstance),
        Generation = start.Generation,
        AllColumns = true,
    };
}

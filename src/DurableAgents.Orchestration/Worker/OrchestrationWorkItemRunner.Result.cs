using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Execution;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Worker;

/// <summary>Building what an episode stores and sends.</summary>
internal sealed partial class OrchestrationWorkItemRunner
{
    private OrchestrationWorkItemResult BuildResult(
        string instanceId, OrchestrationState? previous, OrchestrationExecutor executor, EpisodeResult episode, int baseCount, DateTime now)
    {
        var executionId = executor.ExecutionId ?? previous?.ExecutionId ?? "";
        var state = previous ?? NewState(instanceId, executor.OrchestratorName, executionId, now);
        if (episode.NewEvents.Count == 0)
        {
            return Unchanged(state with { HistoryEventCount = baseCount });
        }

        var activities = new List<TaskMessage>();
        var outgoing = new List<TaskMessage>();
        foreach (var action in episode.NewActions)
        {
            AddActionMessage(instanceId, executionId, executor, action, now, activities, outgoing);
        }

        var outcome = episode.Outcome;
        if (outcome is { IsContinueAsNew: true })
        {
            return ContinueAsNew(state, executor, outcome, activities, outgoing, now);
        }

        if (outcome is not null && executor.Parent is { } parent)
        {
            outgoing.Add(ReplyToParent(parent, outcome, now));
        }

        var status = outcome?.Status
            ?? (executor.ExecutionId is null ? state.RuntimeStatus
                : episode.IsSuspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running);
        var newState = state with
        {
            ExecutionId = executionId,
            RuntimeStatus = status,
            LastUpdatedAt = now,
            Input = executor.SerializedInput ?? state.Input,
            Output = outcome?.Output,
            FailureDetails = outcome?.Failure,
            CompletedAt = outcome is null ? null : now,
            CustomStatus = executor.SerializedCustomStatus ?? state.CustomStatus,
            ParentInstanceId = executor.Parent?.InstanceId ?? state.ParentInstanceId,
            HistoryEventCount = baseCount + episode.NewEvents.Count,
        };

        return new OrchestrationWorkItemResult
        {
            NewEvents = episode.NewEvents,
            State = newState,
            ActivityMessages = activities,
            OrchestratorMessages = outgoing,
        };
    }

    private static void AddActionMessage(
        string instanceId, string executionId, OrchestrationExecutor executor, OrchestratorAction action, DateTime now,
        List<TaskMessage> activities, List<TaskMessage> outgoing)
    {
        // Ids derive from the action, so if an episode is run twice (a crash between sending and storing), the copies match.
        var id = MessageId(instanceId, executionId, action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        switch (action)
        {
            case ScheduleTaskAction a:
                activities.Add(TaskMessage.CreateWithId(id, instanceId, new TaskScheduledEvent(a.Id, a.Name, a.Input) { Timestamp = now }, executionId));
                break;
            case CreateTimerAction t:
                outgoing.Add(TaskMessage.CreateWithId(id, instanceId, new TimerFiredEvent(t.Id, t.FireAt) { Timestamp = t.FireAt }, executionId, t.FireAt));
                break;
            case CreateSubOrchestrationAction s:
                var childExecutionId = DerivedGuid(id);
                var parent = new ParentInstanceInfo(instanceId, executionId, s.Id, executor.OrchestratorName);
                outgoing.Add(TaskMessage.CreateWithId(
                    id, s.InstanceId, new ExecutionStartedEvent(s.Name, s.Input, childExecutionId, parent) { Timestamp = now }, childExecutionId));
                break;
            case SendEventAction e:
                outgoing.Add(TaskMessage.CreateWithId(id, e.TargetInstanceId, new EventRaisedEvent(e.EventName, e.Input, id) { Timestamp = now }));
                break;
        }
    }

    private static string MessageId(string instanceId, string executionId, string suffix) => $"{instanceId}|{executionId}|{suffix}";

    private static string DerivedGuid(string seed) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString("N");

    private static TaskMessage ReplyToParent(ParentInstanceInfo parent, ExecutionOutcome outcome, DateTime now)
    {
        HistoryEvent reply = outcome.Status switch
        {
            OrchestrationRuntimeStatus.Completed => new SubOrchestrationInstanceCompletedEvent(parent.TaskScheduledId, outcome.Output),
            OrchestrationRuntimeStatus.Terminated => new SubOrchestrationInstanceFailedEvent(
                parent.TaskScheduledId, new TaskFailureDetails("Terminated", $"The sub-orchestration was terminated: {outcome.Output}")),
            _ => new SubOrchestrationInstanceFailedEvent(
                parent.TaskScheduledId, outcome.Failure ?? new TaskFailureDetails("Unknown", "The sub-orchestration failed.")),
        };

        return TaskMessage.CreateWithId(
            MessageId(parent.InstanceId, parent.ExecutionId, $"sub-{parent.TaskScheduledId}"), parent.InstanceId, reply with { Timestamp = now }, parent.ExecutionId);
    }

    private static OrchestrationWorkItemResult ContinueAsNew(
        OrchestrationState state, OrchestrationExecutor executor, ExecutionOutcome outcome,
        List<TaskMessage> activities, List<TaskMessage> outgoing, DateTime now)
    {
        var nextId = MessageId(state.InstanceId, state.ExecutionId, "continue-as-new");
        var nextExecutionId = DerivedGuid(nextId);
        outgoing.Add(TaskMessage.CreateWithId(
            nextId,
            state.InstanceId,
            new ExecutionStartedEvent(state.Name, outcome.ContinueAsNewInput, nextExecutionId, executor.Parent) { Timestamp = now },
            nextExecutionId));
        var carried = 0;
        foreach (var (name, payload) in outcome.CarryOverEvents ?? [])
        {
            var id = MessageId(state.InstanceId, state.ExecutionId, $"carry-{carried++}");
            outgoing.Add(TaskMessage.CreateWithId(id, state.InstanceId, new EventRaisedEvent(name, payload, id) { Timestamp = now }));
        }

        return new OrchestrationWorkItemResult
        {
            NewEvents = [],
            ReplaceHistory = true,
            State = state with
            {
                ExecutionId = nextExecutionId,
                RuntimeStatus = OrchestrationRuntimeStatus.Running,
                Input = outcome.ContinueAsNewInput,
                Output = null,
                FailureDetails = null,
                LastUpdatedAt = now,
                CustomStatus = executor.SerializedCustomStatus ?? state.CustomStatus,
                HistoryEventCount = 0,
            },
            ActivityMessages = activities,
            OrchestratorMessages = outgoing,
        };
    }
}

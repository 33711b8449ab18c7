using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Execution;

/// <summary>Applying one history event to the live orchestrator.</summary>
internal sealed partial class OrchestrationExecutor
{
    private void Apply(HistoryEvent e)
    {
        if (Outcome is not null)
        {
            return;
        }

        switch (e)
        {
            case OrchestratorStartedEvent:
                _context.CurrentTime = e.Timestamp;
                return;
            case ExecutionStartedEvent started:
                Start(started);
                break;
            case ExecutionTerminatedEvent terminated:
                Outcome = new ExecutionOutcome(OrchestrationRuntimeStatus.Terminated, _converter.Serialize(terminated.Reason), null);
                return;
            case ExecutionSuspendedEvent:
                _suspended = true;
                return;
            case ExecutionResumedEvent:
                Resume();
                return;
            case ExecutionCompletedEvent:
                return;
            case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent:
                MatchRecordedAction(e);
                return;
            default:
                if (_suspended)
                {
                    // While suspended, events are recorded in order but reach the code only on resume.
                    _suspendedBuffer.Add(e);
                    return;
                }

                Deliver(e);
                break;
        }

        _scheduler.Drain();
        CheckCompletion();
    }

    private void Deliver(HistoryEvent e)
    {
        switch (e)
        {
            case TaskCompletedEvent c:
                CloseTask(c.TaskScheduledId)?.Complete(c.Result);
                break;
            case TaskFailedEvent f:
                CloseTask(f.TaskScheduledId)?.Fail(f.Failure);
                break;
            case TimerFiredEvent t:
                CloseTask(t.TimerId)?.Complete(null);
                break;
            case SubOrchestrationInstanceCompletedEvent c:
                CloseTask(c.TaskScheduledId)?.Complete(c.Result);
                break;
            case SubOrchestrationInstanceFailedEvent f:
                CloseTask(f.TaskScheduledId)?.Fail(f.Failure);
                break;
            case EventRaisedEvent raised:
                if (raised.MessageId is { } id)
                {
                    _seenEventMessageIds.Add(id);
                }

                _context.DeliverEvent(raised.Name, raised.Input);
                break;
        }
    }

    private IOpenTask? CloseTask(int id) => _context.OpenTasks.Remove(id, out var task) ? task : null;

    private void Resume()
    {
        _suspended = false;

        // Deliver one at a time; if the code finishes, what is left stays buffered (ContinueAsNew carries it over).
        while (_suspendedBuffer.Count > 0 && Outcome is null)
        {
            var e = _suspendedBuffer[0];
            _suspendedBuffer.RemoveAt(0);
            Deliver(e);
            _scheduler.Drain();
            CheckCompletion();
        }
    }

    private void Start(ExecutionStartedEvent started)
    {
        ExecutionId = started.ExecutionId;
        Parent = started.Parent;
        ScheduledStartTime = started.ScheduledStartTime;
        _context.SerializedInput = started.Input;
        if (_orchestrator is null)
        {
            var registered = _registeredNames.Count == 0 ? "(none)" : string.Join(", ", _registeredNames.Select(n => $"'{n}'"));
            Fail("OrchestratorNotFound", $"No orchestrator named '{_orchestratorName}' is registered with this worker. "
                + $"Registered orchestrators: {registered}. Register it with AddOrchestrator or AddOrchestratorFunc.");
            return;
        }

        object? input;
        try
        {
            input = _converter.Deserialize(started.Input, _orchestrator.InputType);
        }
        catch (Exception ex)
        {
            Fail("InvalidInput", $"The input of orchestration '{_orchestratorName}' could not be read as {_orchestrator.InputType.Name}: {ex.Message}");
            return;
        }

        var orchestrator = _orchestrator;
        _orchestratorTask = Task.Factory.StartNew(
            () => orchestrator.RunAsync(_context, input), CancellationToken.None, TaskCreationOptions.None, _scheduler).Unwrap();
    }

    private void Fail(string errorType, string message) =>
        Outcome = new ExecutionOutcome(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(errorType, message, IsNonRetriable: true));

    private void MatchRecordedAction(HistoryEvent recorded)
    {
        var id = recorded switch
        {
            TaskScheduledEvent t => t.TaskId,
            TimerCreatedEvent t => t.TimerId,
            SubOrchestrationInstanceCreatedEvent s => s.TaskId,
            EventSentEvent s => s.TaskId,
            _ => throw new InvalidOperationException($"{recorded.GetType().Name} is not an action event."),
        };

        if (!_context.PendingActions.TryGetValue(id, out var action))
        {
            var state = _orchestratorTask is { IsCompleted: true } ? "had already finished" : "was waiting for something else";
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{_orchestratorName}' (instance '{InstanceId}'): the history expects "
                + $"{HistoryEventDescriptions.Describe(recorded)}, but on replay the code {state} and did not ask for it. "
                + "Orchestrator code must make the same calls in the same order on every replay; deploy code changes under a new orchestrator name or version.");
        }

        if (!action.Matches(recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{_orchestratorName}' (instance '{InstanceId}'): the history expects "
                + $"{HistoryEventDescriptions.Describe(recorded)}, but on replay the code asked for {action.Describe()}. "
                + "Orchestrator code must make the same calls in the same order on every replay; deploy code changes under a new orchestrator name or version.");
        }

        _context.PendingActions.Remove(id);
    }

    private void CheckCompletion()
    {
        if (Outcome is not null || _orchestratorTask is not { IsCompleted: true } task)
        {
            return;
        }

        if (task.IsCompletedSuccessfully)
        {
            Outcome = _context.ContinueAsNewRequest is { } next
                ? new ExecutionOutcome(
                    OrchestrationRuntimeStatus.ContinuedAsNew, null, null, next.Input,
                    next.PreserveEvents ? _context.UnprocessedEvents().ToList() : [])
                : new ExecutionOutcome(OrchestrationRuntimeStatus.Completed, _converter.Serialize(task.Result), null);
            return;
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Outcome = new ExecutionOutcome(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
        }
    }
}

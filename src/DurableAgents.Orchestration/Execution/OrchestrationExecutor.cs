using DurableAgents.Orchestration.History;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.Execution;

/// <summary>
/// A live orchestrator and its replay state. It replays history once, then stays in memory (the instance cache) so that the next
/// episode only applies the new events: an N-step run costs O(N), not O(N^2).
/// </summary>
internal sealed partial class OrchestrationExecutor
{
    private readonly ITaskOrchestrator? _orchestrator;
    private readonly string _orchestratorName;
    private readonly IReadOnlyCollection<TaskName> _registeredNames;
    private readonly DataConverter _converter;
    private readonly OrchestrationContextImpl _context;
    private readonly DeterministicTaskScheduler _scheduler = new();
    private readonly HashSet<int> _completedTaskIds = [];
    private readonly HashSet<string> _seenEventMessageIds = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _suspendedBuffer = [];
    private Task<object?>? _orchestratorTask;
    private bool _suspended;
    private bool _startAccepted;
    private bool _terminateAccepted;

    public OrchestrationExecutor(
        string instanceId,
        string orchestratorName,
        ITaskOrchestrator? orchestrator,
        IReadOnlyCollection<TaskName> registeredNames,
        DataConverter converter,
        ILoggerFactory loggerFactory)
    {
        _orchestrator = orchestrator;
        _orchestratorName = orchestratorName;
        _registeredNames = registeredNames;
        _converter = converter;
        _context = new OrchestrationContextImpl(instanceId, orchestratorName, converter, loggerFactory);
    }

    public string InstanceId => _context.InstanceId;

    public string OrchestratorName => _orchestratorName;

    /// <summary>The current execution, once its ExecutionStarted event has been applied.</summary>
    public string? ExecutionId { get; private set; }

    public ParentInstanceInfo? Parent { get; private set; }

    public string? SerializedInput => _context.SerializedInput;

    public string? SerializedCustomStatus => _context.SerializedCustomStatus;

    public DateTime? ScheduledStartTime { get; private set; }

    public ExecutionOutcome? Outcome { get; private set; }

    /// <summary>How many stored history events this executor has applied; the cache is valid only while it matches the store.</summary>
    public int HistoryEventCount { get; set; }

    /// <summary>The stored execution id this executor was cached against.</summary>
    public string? CachedExecutionId { get; set; }

    /// <summary>False once the executor saw an error that leaves its in-memory state unusable for the next episode.</summary>
    public bool IsReusable { get; private set; } = true;

    /// <summary>Replays <paramref name="history"/> (when not resuming from cache) and applies the new messages as one episode.</summary>
    public EpisodeResult RunEpisode(IReadOnlyList<HistoryEvent>? history, IReadOnlyList<TaskMessage> messages, DateTime now)
    {
        var newEvents = new List<HistoryEvent>();
        try
        {
            if (history is not null)
            {
                Replay(history);
            }

            _context.Replaying = false;
            var accepted = messages.Select(Normalize).Where(Accept).ToList();
            if (accepted.Count == 0)
            {
                return new EpisodeResult([], [], null, _suspended);
            }

            // The orchestration's clock never runs backwards (hosts' clocks differ) and a timer never fires before its time,
            // even when a backend delivers it a moment early.
            var episodeTime = accepted.OfType<TimerFiredEvent>().Select(t => t.FireAt).Append(now).Append(_context.CurrentTime).Max();
            var started = new OrchestratorStartedEvent { Timestamp = episodeTime };
            newEvents.Add(started);
            Apply(started);
            var applied = 0;
            foreach (var e in accepted)
            {
                if (Outcome is not null)
                {
                    break;
                }

                newEvents.Add(e);
                Apply(e);
                applied++;
            }

            if (Outcome is { IsContinueAsNew: true } next && _context.ContinueAsNewRequest is { PreserveEvents: true })
            {
                // Events that arrived but were not consumed go to the next generation, in order.
                var unapplied = _suspendedBuffer.Concat(accepted.Skip(applied)).OfType<EventRaisedEvent>().Select(r => (r.Name, r.Input));
                Outcome = next with { CarryOverEvents = [.. next.CarryOverEvents ?? [], .. unapplied] };
            }

            var actions = _context.PendingActions.Values.ToList();
            _context.PendingActions.Clear();
            newEvents.AddRange(actions.Select(a => a.ToHistoryEvent(episodeTime)));
            AddCompletionEvent(newEvents, episodeTime);
            return new EpisodeResult(newEvents, actions, Outcome, _suspended);
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            IsReusable = false;
            Outcome = new ExecutionOutcome(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex) with { IsNonRetriable = true });
            if (newEvents.Count == 0)
            {
                newEvents.Add(new OrchestratorStartedEvent { Timestamp = now });
            }

            AddCompletionEvent(newEvents, now);
            return new EpisodeResult(newEvents, [], Outcome, false);
        }
    }

    private void Replay(IReadOnlyList<HistoryEvent> history)
    {
        _context.Replaying = true;
        foreach (var e in history)
        {
            if (Outcome is not null)
            {
                break;
            }

            Accept(e);
            Apply(e);
        }

        // Actions the code asks for after the last recorded event are new and get scheduled in this episode.
    }

    private void AddCompletionEvent(List<HistoryEvent> newEvents, DateTime now)
    {
        if (Outcome is { IsContinueAsNew: false } outcome)
        {
            newEvents.Add(new ExecutionCompletedEvent(outcome.Status, outcome.Output, outcome.Failure) { Timestamp = now });
        }
    }

    /// <summary>Client events carry their message id so that a second delivery can be recognised.</summary>
    private static HistoryEvent Normalize(TaskMessage message) =>
        message.Event is EventRaisedEvent { MessageId: null } raised ? raised with { MessageId = message.Id } : message.Event;

    /// <summary>Filters duplicate and stale deliveries: applying a message twice must change nothing.</summary>
    private bool Accept(HistoryEvent e)
    {
        if (Outcome is not null)
        {
            return false;
        }

        return e switch
        {
            ExecutionStartedEvent => AcceptOnce(ref _startAccepted),
            TaskCompletedEvent c => AcceptCompletion(c.TaskScheduledId),
            TaskFailedEvent f => AcceptCompletion(f.TaskScheduledId),
            TimerFiredEvent t => AcceptCompletion(t.TimerId),
            SubOrchestrationInstanceCompletedEvent c => AcceptCompletion(c.TaskScheduledId),
            SubOrchestrationInstanceFailedEvent f => AcceptCompletion(f.TaskScheduledId),
            EventRaisedEvent { MessageId: { } id } => _seenEventMessageIds.Add(id),
            ExecutionTerminatedEvent => AcceptOnce(ref _terminateAccepted),
            _ => true,
        };
    }

    private static bool AcceptOnce(ref bool seen)
    {
        if (seen)
        {
            return false;
        }

        seen = true;
        return true;
    }

    private bool AcceptCompletion(int taskId) =>
        (_context.OpenTasks.ContainsKey(taskId) || _context.Replaying) && _completedTaskIds.Add(taskId);
}

using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>
/// Traces every step that completed more than once to the queue messages behind each run (from DTFx's own logs of each host)
/// and accepts a repeat only where at-least-once delivery explains it: the same message delivered again because its holder
/// never deleted it (killed, or storage down), or a second message sent by an episode that was never stored (killed host,
/// split brain, storage down) or by a retried insert. A step is finished once its result is in the history and its message is
/// deleted; a message redelivered while its live holder kept it, a step sent by two stored episodes, or one sent after its
/// result was recorded is reported as a problem.
/// </summary>
public sealed partial class RepeatAudit
{
    // How long before the outage a send may have begun and still be in flight when it began (requests wait on a busy emulator).
    private static readonly TimeSpan InFlightSlack = TimeSpan.FromSeconds(10);

    private ILookup<(string, int), WorkerEvent>? _received;
    private ILookup<(string, int), WorkerEvent>? _sent;
    private ILookup<(int, string), WorkerEvent>? _outcomes;

    public required int VictimProcessId { get; init; }

    public required DateTime KilledAt { get; init; }

    public required DateTime OutageFrom { get; init; }

    public required DateTime OutageTo { get; init; }

    /// <summary>What the workers logged: activity messages sent, received and deleted, history commits, faults.</summary>
    public required IReadOnlyList<WorkerEvent> Events { get; init; }

    /// <summary>When the instance's history stored the result of a step (instance, step), or null if it holds none.</summary>
    public required Func<string, int, DateTime?> ResultRecordedAt { get; init; }

    public IReadOnlyList<Repeat> Find(IEnumerable<Execution> executions)
    {
        _received = Events.Where(e => e.Event == "ReceivedMessage" && e.InstanceId is not null).ToLookup(e => (e.InstanceId!, e.TaskEventId));
        _sent = Events.Where(e => e.Event == "SendingMessage" && e.InstanceId is not null).ToLookup(e => (e.InstanceId!, e.TaskEventId));
        _outcomes = Events.Where(e => e.InstanceId is not null && e.Event is "AppendedInstanceHistory" or "SplitBrainDetected" or "OrchestrationProcessingFailure")
            .ToLookup(e => (e.ProcessId, e.InstanceId!));
        return executions.GroupBy(e => e.Key)
            .Where(g => g.Count() > 1)
            .Select(g => Explain(g.OrderBy(e => e.At).ToList()))
            .ToList();
    }

    /// <summary>The activity messages of one step: every delivery (oldest first) and every send.</summary>
    public (IReadOnlyList<WorkerEvent> Deliveries, IReadOnlyList<WorkerEvent> Sends) MessagesOf(string instanceId, int step) =>
        ([.. _received![(instanceId, step)].OrderBy(e => e.At)], [.. _sent![(instanceId, step)].OrderBy(e => e.At)]);

    private Repeat Explain(List<Execution> runs)
    {
        var (instanceId, step) = (runs[0].InstanceId, runs[0].Step);
        var (deliveries, sends) = MessagesOf(instanceId, step);
        var recorded = ResultRecordedAt(instanceId, step);
        if (DeliveriesOf(runs, deliveries) is not { } used)
        {
            return new Repeat(runs[0].Key, runs, [], "a run with no delivery of its message in its host's log before it", false);
        }

        var causes = new List<RepeatCause>();
        string? problem = null;
        foreach (var again in used.Skip(1))
        {
            var earlier = deliveries.LastOrDefault(d => d.MessageId == again.MessageId && d.At < again.At);
            var (cause, wrong) = earlier is null
                ? ExplainSendingAgain(instanceId, deliveries, sends, recorded)
                : ExplainRedelivery(earlier, again);
            causes.AddRange(cause);
            problem ??= wrong;
        }

        return new Repeat(runs[0].Key, runs, [.. causes.Distinct()], problem, recorded is { } at && used.Skip(1).Any(d => d.At > at));
    }

    // Each run was caused by the last delivery of the step to its host before it completed (one delivery per run).
    private static List<WorkerEvent>? DeliveriesOf(List<Execution> runs, IReadOnlyList<WorkerEvent> deliveries)
    {
        var used = new List<WorkerEvent>();
        foreach (var run in runs)
        {
            var delivery = deliveries.LastOrDefault(d => d.ProcessId == run.ProcessId && d.At <= run.At && !used.Contains(d));
            if (delivery is null)
            {
                return null;
            }

            used.Add(delivery);
        }

        return [.. used.OrderBy(d => d.At)];
    }

    // Instance ids are run-NNN: a match must not run on into a longer id.
    private static bool Names(WorkerEvent logged, string instanceId)
    {
        if (logged.InstanceId is { } id)
        {
            return id == instanceId;
        }

        var message = logged.Message;
        for (var i = message.IndexOf(instanceId, StringComparison.Ordinal); i >= 0; i = message.IndexOf(instanceId, i + 1, StringComparison.Ordinal))
        {
            var end = i + instanceId.Length;
            if (end == message.Length || !char.IsAsciiDigit(message[end]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The warnings and errors that name <paramref name="instanceId"/>, for a failure message.</summary>
    public IEnumerable<WorkerEvent> FaultsOf(string instanceId) => Events.Where(e => e.IsFault && Names(e, instanceId));
}

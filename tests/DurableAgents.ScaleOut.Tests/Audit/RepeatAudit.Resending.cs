using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>
/// A second message for the same step. DTFx 2.11.2 sends an episode's messages before it stores the episode's history, so
/// an episode that is never stored (its host killed, its commit refused as a split brain, storage down) has already sent its
/// steps, and the episode that replaces it sends them again. Exactly one stored episode may have sent the step, and none
/// after the step's result was recorded.
/// </summary>
public sealed partial class RepeatAudit
{
    private (IReadOnlyList<RepeatCause> Causes, string? Problem) ExplainSendingAgain(
        string instanceId, IReadOnlyList<WorkerEvent> deliveries, IReadOnlyList<WorkerEvent> sends, DateTime? recorded)
    {
        var causes = new List<RepeatCause>();
        var stored = 0;
        foreach (var send in sends)
        {
            // What became of the episode that sent it: the next commit or commit failure its host logged for the instance.
            var outcome = _outcomes![(send.ProcessId, instanceId)].Where(e => e.At >= send.At).MinBy(e => e.At);
            switch (outcome?.Event)
            {
                case "AppendedInstanceHistory":
                    stored++;
                    break;
                case "SplitBrainDetected":
                    causes.Add(RepeatCause.SplitBrain);
                    break;
                case "OrchestrationProcessingFailure":
                    causes.Add(RepeatCause.FailedEpisode);
                    break;
                case null when send.ProcessId == VictimProcessId:
                    causes.Add(RepeatCause.KilledEpisode);
                    break;
                default:
                    return ([], $"pid {send.ProcessId} sent it at {send.At:HH:mm:ss.f} in an episode that was neither stored nor refused");
            }
        }

        if (stored > 1)
        {
            return ([], $"{stored} stored episodes sent it: the instance's history scheduled it twice");
        }

        if (recorded is { } at && sends.FirstOrDefault(s => s.At > at) is { } late)
        {
            return ([], $"pid {late.ProcessId} sent it at {late.At:HH:mm:ss.f}, after its result was recorded at {at:HH:mm:ss.f}");
        }

        // The storage client retries a failed try (three times at most); a try that the outage cut off after storage had kept the
        // message leaves two copies: one send, two messages, the later one inserted once the outage began.
        var inserted = deliveries.GroupBy(d => d.MessageId).Select(g => Inserted(g.First())).Order().ToList();
        var surplus = inserted.Count - sends.Count;
        if (surplus > 0)
        {
            var inFlight = sends.Count(s => s.At >= OutageFrom - InFlightSlack && s.At <= OutageTo);
            if (inFlight == 0 || surplus > 3 * inFlight || inserted.TakeLast(surplus).Any(at => at < OutageFrom))
            {
                return ([], $"{inserted.Count} messages for {sends.Count} sends, {inFlight} of them in flight when the outage began");
            }

            causes.Add(RepeatCause.RetriedInsert);
        }

        return causes.Count > 0 ? (causes, null) : ([], "a second message with no unstored episode or retried insert to explain it");
    }

    private static DateTime Inserted(WorkerEvent delivery) =>
        delivery.At - TimeSpan.FromMilliseconds(int.TryParse(delivery.Fields.GetValueOrDefault("Age"), out var age) ? age : 0);
}

using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>A step that completed more than once, and the fault that allows it (null: nothing does).</summary>
public sealed record Repeat(string Key, IReadOnlyList<Execution> Executions, string? Cause);

/// <summary>
/// Tells which repeated steps at-least-once delivery allows. A completed step may run again only when a fault cut its
/// bookkeeping short: the killed host ran it and died before its result was stored, the killed host owned the instance and
/// died between sending the step and storing the episode (DTFx sends first, so the episode runs and sends again once the
/// message it held reappears), storage was down when the step's result or its episode was being stored, or two hosts ran
/// the instance while a partition changed hands (see <see cref="SplitAtHandover"/>). A repeat with none of these is a bug:
/// a message seen again while it was still owned, a lease held twice without a handover, or a result lost.
/// </summary>
public sealed class RepeatAudit
{
    // How far a fault's bookkeeping may trail the moment it struck: a result or episode stored a few seconds late on a loaded
    // machine. The window is what a repeat must fall in to be excused, so keeping it tight keeps the audit strict.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    // Messages the releasing host had dequeued stay with it up to the visibility timeout (AzureStorageOptions' 60 s).
    private static readonly TimeSpan HeldMessages = TimeSpan.FromSeconds(60);

    public required int VictimProcessId { get; init; }

    public required string VictimWorkerId { get; init; }

    public required DateTime KilledAt { get; init; }

    /// <summary>Each control queue's owner just before the kill.</summary>
    public required IReadOnlyDictionary<string, string?> OwnersAtKill { get; init; }

    public required Func<string, string> ControlQueueOf { get; init; }

    public required DateTime OutageFrom { get; init; }

    public required DateTime OutageTo { get; init; }

    /// <summary>What the workers logged: an episode whose storage calls failed names its instance in an error.</summary>
    public required IReadOnlyList<WorkerEvent> Events { get; init; }

    public IReadOnlyList<Repeat> Find(IEnumerable<Execution> executions) =>
        executions.GroupBy(e => e.Key)
            .Where(g => g.Count() > 1)
            .Select(g => g.OrderBy(e => e.At).ToList())
            .Select(runs => new Repeat(runs[0].Key, runs, CauseOf(runs)))
            .ToList();

    private string? CauseOf(List<Execution> runs)
    {
        var first = runs[0];
        if (runs.Any(r => r.ProcessId == VictimProcessId && r.At >= KilledAt - Slack))
        {
            return "ran on the killed host shortly before the kill";
        }

        if (OwnersAtKill.GetValueOrDefault(ControlQueueOf(first.InstanceId)) == VictimWorkerId && Near(first.At, KilledAt, KilledAt))
        {
            return "its instance's partition was owned by the killed host";
        }

        if (Near(first.At, OutageFrom, OutageTo))
        {
            return "completed while storage was down";
        }

        if (Events.Any(e => e.Level == "Error" && Near(e.At, OutageFrom, OutageTo) && Names(e, first.InstanceId)))
        {
            return "an episode of its instance failed on storage during the outage";
        }

        return SplitAtHandover(first)
            ? "two hosts ran its instance while a partition changed hands (DTFx split brain)"
            : null;
    }

    // DTFx 2.11.2's table partition manager, right after it drained and released a stolen partition, listens on that control
    // queue again until its next loop drops it; what it dequeues meanwhile it processes beside the new owner. The ETag check
    // keeps the history right (SplitBrainDetected, one episode discarded), but the steps the losing episode sent still run.
    // Excused only when that chain is in the logs: a partition drained, then a split brain naming the instance, then the repeat.
    private bool SplitAtHandover(Execution first) =>
        Events.Where(e => e.Event == "PartitionManagerInfo" && e.Message.Contains("Successfully drained partition", StringComparison.Ordinal))
            .Any(drained => Events.Any(e => e.Event == "SplitBrainDetected" && Names(e, first.InstanceId)
                && e.At >= drained.At && e.At <= drained.At + HeldMessages
                && first.At >= drained.At - Slack && first.At <= e.At + Slack));

    private static bool Near(DateTime at, DateTime from, DateTime to) => at >= from - Slack && at <= to + Slack;

    // Instance ids are run-NNN: a match must not run on into a longer id.
    /// <summary>The warnings and errors that name <paramref name="instanceId"/>, for a failure message.</summary>
    public IEnumerable<WorkerEvent> FaultsOf(string instanceId) => Events.Where(e => e.IsFault && Names(e, instanceId));

    private static bool Names(WorkerEvent logged, string instanceId)
    {
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
}

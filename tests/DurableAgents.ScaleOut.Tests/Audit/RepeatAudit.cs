using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>A step that completed more than once, and the fault that allows it (null: nothing does).</summary>
public sealed record Repeat(string Key, IReadOnlyList<Execution> Executions, string? Cause);

/// <summary>
/// Tells which repeated steps at-least-once delivery allows. A completed step may run again only when a fault cut its
/// bookkeeping short: the killed host ran it and died before its result was stored, the killed host owned the instance and
/// died between sending the step and storing the episode (DTFx sends first, so the episode runs and sends again once the
/// message it held reappears), or storage was down when the step's result or its episode was being stored. A repeat with
/// none of these is a bug: a message seen again while it was still owned, a lease held twice, or a result lost.
/// </summary>
public sealed class RepeatAudit
{
    // How far a fault's bookkeeping may trail the moment it struck: a result or episode stored a few seconds late on a loaded
    // machine. The window is what a repeat must fall in to be excused, so keeping it tight keeps the audit strict.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    public required int VictimProcessId { get; init; }

    public required string VictimWorkerId { get; init; }

    public required DateTime KilledAt { get; init; }

    /// <summary>Each control queue's owner just before the kill.</summary>
    public required IReadOnlyDictionary<string, string?> OwnersAtKill { get; init; }

    public required Func<string, string> ControlQueueOf { get; init; }

    public required DateTime OutageFrom { get; init; }

    public required DateTime OutageTo { get; init; }

    /// <summary>Errors the workers logged: an episode whose storage calls failed names its instance.</summary>
    public required IReadOnlyList<Fault> Faults { get; init; }

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

        return Faults.Any(f => f.Level == "Error" && Near(f.At, OutageFrom, OutageTo) && Names(f, first.InstanceId))
            ? "an episode of its instance failed on storage during the outage"
            : null;
    }

    private static bool Near(DateTime at, DateTime from, DateTime to) => at >= from - Slack && at <= to + Slack;

    // Instance ids are run-NNN: a match must not run on into a longer id.
    private static bool Names(Fault fault, string instanceId)
    {
        for (var i = fault.Message.IndexOf(instanceId, StringComparison.Ordinal); i >= 0; i = fault.Message.IndexOf(instanceId, i + 1, StringComparison.Ordinal))
        {
            var end = i + instanceId.Length;
            if (end == fault.Message.Length || !char.IsAsciiDigit(fault.Message[end]))
            {
                return true;
            }
        }

        return false;
    }
}

using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>The same message delivered again: Azure Queues does that only for a message its holder never deleted.</summary>
public sealed partial class RepeatAudit
{
    private (IReadOnlyList<RepeatCause> Causes, string? Problem) ExplainRedelivery(WorkerEvent earlier, WorkerEvent again)
    {
        // The victim logs nothing once dead; what matters is that the message came back after it died, not while it lived.
        if (earlier.ProcessId == VictimProcessId && again.At >= KilledAt)
        {
            return ([RepeatCause.KilledHolder], null);
        }

        // The holder lived: only a completion or delete that failed (storage down) may have left its message in the queue. DTFx
        // then abandons the work item, and logs that with the message's id even when the abandon fails too.
        var failed = Events.Any(e => e.ProcessId == earlier.ProcessId && e.IsFault && e.At >= earlier.At && e.At <= again.At && e.MessageId == earlier.MessageId);
        return failed
            ? ([RepeatCause.FailedAcknowledgement], null)
            : ([], $"message {earlier.MessageId} was delivered again at {again.At:HH:mm:ss.f} to pid {again.ProcessId} while its holder, "
                + $"pid {earlier.ProcessId} (since {earlier.At:HH:mm:ss.f}), was alive and logged no failure for it");
    }
}

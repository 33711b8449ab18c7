using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Host.Demo;

/// <summary>Prints a run's history events as they are appended.</summary>
internal sealed class HistoryPrinter(DurableTaskClient client, string runId)
{
    public int Count { get; private set; }

    public async Task PrintNewAsync(CancellationToken cancellationToken)
    {
        var history = await client.GetOrchestrationHistoryAsync(runId, cancellationToken);
        for (; Count < history.Count; Count++)
        {
            if (Describe(history[Count]) is { } line)
            {
                Console.WriteLine($"   {DemoTime.Format(DateTime.SpecifyKind(history[Count].Timestamp, DateTimeKind.Utc), DateTime.UtcNow)}  {line}");
            }
        }
    }

    private static string? Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent s => $"-> {s.Name}",
        TaskCompletedEvent c => $"<- done: {DemoTour.Short(c.Result)}",
        TaskFailedEvent f => $"<- failed: {f.FailureDetails?.ErrorMessage ?? f.Reason}",
        TimerCreatedEvent t => $"timer until {DemoTime.Format(t.FireAt, DateTime.UtcNow)}",
        EventRaisedEvent r => $"event '{r.Name}' received",
        ExecutionCompletedEvent c => $"execution {c.OrchestrationStatus}",
        _ => null,
    };
}

using DurableAgents.Orchestration.Execution;
using DurableAgents.Orchestration.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Orchestration.Tests.Unit;

/// <summary>The orchestration's clock: never before a fired timer's time, never backwards.</summary>
public sealed class EpisodeClockTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TimerDeliveredEarly_StillSeesItsFireTime_AndTheClockNeverRunsBackwards()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<DateTime[]>("Clock", async ctx =>
        {
            var first = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromSeconds(10), CancellationToken.None);
            var afterTimer = ctx.CurrentUtcDateTime;
            await ctx.WaitForExternalEvent<string>("next");
            return [first, afterTimer, ctx.CurrentUtcDateTime];
        });
        var executor = new OrchestrationExecutor(
            "clock-1", "Clock", registry.CreateOrchestrator("Clock", null!), registry.OrchestratorNames, JsonDataConverter.Default, NullLoggerFactory.Instance);
        var fireAt = Start.AddSeconds(10);

        executor.RunEpisode([], [Message(new ExecutionStartedEvent("Clock", null, "e1"))], Start);
        executor.RunEpisode(null, [Message(new TimerFiredEvent(0, fireAt))], Start.AddSeconds(9.5)); // a moment early
        var last = executor.RunEpisode(null, [Message(new EventRaisedEvent("next", "\"x\""))], Start.AddSeconds(5)); // a host with a slow clock

        Assert.Equal(OrchestrationRuntimeStatus.Completed, last.Outcome!.Status);
        var times = JsonDataConverter.Default.Deserialize<DateTime[]>(last.Outcome.Output)!;
        Assert.Equal(Start, times[0]);
        Assert.Equal(fireAt, times[1]);
        Assert.Equal(fireAt, times[2]);
    }

    private static TaskMessage Message(HistoryEvent e) => TaskMessage.Create("clock-1", e with { Timestamp = Start });
}

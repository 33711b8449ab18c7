using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public virtual async Task History_ListsEveryEventInOrder()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Upper", (_, s) => s.ToUpperInvariant())
            .AddOrchestratorFunc<string, string>("Recorded", async (ctx, s) =>
            {
                var upper = await ctx.CallActivityAsync<string>("Upper", s);
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                return upper + await ctx.WaitForExternalEvent<string>("tail");
            }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Recorded", "abc");
        await WaitForStartAsync(id);
        await Client.RaiseEventAsync(id, "tail", "!");
        await WaitForCompletionAsync(id);

        var history = await Client.GetOrchestrationHistoryAsync(id);

        var kinds = history.Where(e => e is not OrchestratorStartedEvent and not OrchestratorCompletedEvent).Select(e => e.EventType).ToList();
        Assert.Equal(EventType.ExecutionStarted, kinds[0]);
        Assert.Equal(EventType.ExecutionCompleted, kinds[^1]);
        // The event may be recorded before or after the timer fires: compare the middle as a set.
        EventType[] middle = [EventType.TaskScheduled, EventType.TaskCompleted, EventType.TimerCreated, EventType.TimerFired, EventType.EventRaised];
        Assert.Equal(middle.Order(), kinds[1..^1].Order());
        Assert.Equal("abc", history.OfType<ExecutionStartedEvent>().Single().Input.Trim('"'));
        Assert.Equal("\"ABC!\"", history.OfType<ExecutionCompletedEvent>().Single().Result);
    }
}

using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task Timer_FiresAndAdvancesCurrentTime()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Sleep", async ctx =>
        {
            var before = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            return (ctx.CurrentUtcDateTime - before >= TimeSpan.FromMilliseconds(300)).ToString();
        }));

        var result = await RunAsync("Sleep");

        AssertCompleted(result);
        Assert.Equal("True", result.ReadOutputAs<string>());
        var history = await Client.GetOrchestrationHistoryAsync(result.InstanceId);
        Assert.Single(history.OfType<TimerCreatedEvent>());
        Assert.Single(history.OfType<TimerFiredEvent>());
    }

    [Fact]
    public async Task Timer_FiresAfterWorkerRestart()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("LongSleep", async ctx =>
        {
            ctx.SetCustomStatus("sleeping");
            await ctx.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            return "woke";
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("LongSleep");
        await WaitForCustomStatusAsync(id, "sleeping");

        await RestartAsync();

        var result = await WaitForCompletionAsync(id);
        AssertCompleted(result);
        Assert.Equal("woke", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Timer_ThirtyDays_FiresWhenTheClockGetsThere()
    {
        var clock = new Testing.ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Clock = clock;
        await StartAsync(r => r.AddOrchestratorFunc<DateTime>("Month", async ctx =>
        {
            ctx.SetCustomStatus("waiting");
            await ctx.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Month");
        await WaitForCustomStatusAsync(id, "waiting");

        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(id))!.RuntimeStatus);
        clock.Advance(TimeSpan.FromDays(1));

        var result = await WaitForCompletionAsync(id);
        AssertCompleted(result);
        Assert.Equal(new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc), result.ReadOutputAs<DateTime>());
    }
}

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    /// <summary>How early a provider may fire a timer (Azure Storage queues take visibility delays in whole seconds).</summary>
    protected virtual TimeSpan TimerGranularity => TimeSpan.Zero;

    [Fact]
    public async Task Timer_FiresAndAdvancesCurrentTime()
    {
        var delay = TimeSpan.FromMilliseconds(300) + TimerGranularity;
        await StartAsync(r => r.AddOrchestratorFunc<double>("Sleep", async ctx =>
        {
            var before = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(delay, CancellationToken.None);
            return (ctx.CurrentUtcDateTime - before).TotalMilliseconds;
        }));

        var result = await RunAsync("Sleep");

        AssertCompleted(result);
        Assert.InRange(result.ReadOutputAs<double>(), (delay - TimerGranularity).TotalMilliseconds, double.MaxValue);
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
    public async Task ScheduledStart_StaysPendingUntilItsTime()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Later", _ => Task.FromResult("ran")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            "Later", null, new Microsoft.DurableTask.StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddSeconds(2) });

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Pending, (await Client.GetInstanceAsync(id))!.RuntimeStatus);
        var result = await WaitForCompletionAsync(id);
        Assert.Equal("ran", result.ReadOutputAs<string>());
    }
}

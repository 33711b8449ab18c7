namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task Timer_FiresAndAdvancesCurrentTime()
    {
        await StartAsync(r => r.AddOrchestratorFunc<bool>("Sleep", async ctx =>
        {
            var before = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            return ctx.CurrentUtcDateTime - before >= TimeSpan.FromMilliseconds(300);
        }));

        var result = await RunAsync("Sleep");

        AssertCompleted(result);
        Assert.True(result.ReadOutputAs<bool>());
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

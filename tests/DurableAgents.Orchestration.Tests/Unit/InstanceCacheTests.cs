using DurableAgents.Orchestration.Backends.InMemory;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.Unit;

/// <summary>The instance cache resumes a live orchestrator instead of replaying its history each step.</summary>
public sealed class InstanceCacheTests
{
    [Theory]
    [InlineData(1000, 1)]
    [InlineData(0, 21)]
    public async Task OrchestratorBody_IsReplayedOnlyWhenNotCached(int cacheSize, int expectedStarts)
    {
        var starts = 0;
        await using var backend = new InMemoryOrchestrationService();
        await using var host = await WorkerHost.StartAsync(
            backend,
            r => r
                .AddActivityFunc<int, int>("Noop", (_, x) => x)
                .AddOrchestratorFunc<int>("Steps", async ctx =>
                {
                    Interlocked.Increment(ref starts);
                    var sum = 0;
                    for (var i = 0; i < 20; i++)
                    {
                        sum += await ctx.CallActivityAsync<int>("Noop", i);
                    }

                    return sum;
                }),
            o => o.InstanceCacheSize = cacheSize);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Steps");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token());

        Assert.Equal(190, result.ReadOutputAs<int>());
        Assert.Equal(expectedStarts, starts);
    }

    [Fact]
    public async Task OrchestratorBody_IsNotReplayed_WhenTheNextEpisodeStartsBeforeCompleteReturns()
    {
        var starts = 0;
        await using var inner = new InMemoryOrchestrationService();
        var backend = new SlowCompletingBackend(inner);
        await using var host = await WorkerHost.StartAsync(
            backend,
            r => r
                .AddActivityFunc<int, int>("Noop", (_, x) => x)
                .AddOrchestratorFunc<int>("Steps", async ctx =>
                {
                    Interlocked.Increment(ref starts);
                    var sum = 0;
                    for (var i = 0; i < 10; i++)
                    {
                        sum += await ctx.CallActivityAsync<int>("Noop", i);
                    }

                    return sum;
                }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Steps");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token());

        Assert.Equal(45, result.ReadOutputAs<int>());
        Assert.Equal(1, starts);
    }
}

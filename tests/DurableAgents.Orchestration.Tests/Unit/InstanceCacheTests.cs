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
        await using var host = await WorkerHost.StartAsync(backend, r => AddSteps(r, 20, () => Interlocked.Increment(ref starts)),
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
        await using var host = await WorkerHost.StartAsync(backend, r => AddSteps(r, 10, () => Interlocked.Increment(ref starts)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Steps");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token());

        Assert.Equal(45, result.ReadOutputAs<int>());
        Assert.Equal(1, starts);
    }

    // "Steps" runs `count` no-op activities in sequence and returns the sum of 0..count-1; onStart counts body (re)starts.
    private static void AddSteps(DurableTaskRegistry registry, int count, Action onStart) => registry
        .AddActivityFunc<int, int>("Noop", (_, x) => x)
        .AddOrchestratorFunc<int>("Steps", async ctx =>
        {
            onStart();
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Noop", i);
            }

            return sum;
        });
}

using DurableAgents.DurableTask.Tests.Infrastructure;
using DurableAgents.DurableTask.Worker;
using DurableAgents.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.DurableTask.Tests.Worker;

/// <summary>How the worker honours the SDK's worker options and the host's lifetime.</summary>
public sealed class WorkerHostingTests
{
    [Fact]
    public async Task GracefulStop_WaitsForTheActivityInFlight_BeforeStoppingTheProvider()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new RecordingInMemoryService();
        var host = await TestHost.StartAsync(provider, r => r
            .AddActivityFunc<string>("Slow", async _ =>
            {
                started.TrySetResult();
                await release.Task;
                return "finished";
            })
            .AddOrchestratorFunc<string>("CallsSlow", ctx => ctx.CallActivityAsync<string>("Slow")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsSlow");
        await started.Task.WaitAsync(TestDeadline.Token());
        var worker = host.Services.GetServices<IHostedService>().OfType<OrchestrationServiceWorker>().Single();

        var stopping = host.DisposeAsync().AsTask();
        // DTFx's dispatchers have stopped here; without our wait it would stop the provider now, under the running activity.
        await worker.Service.Draining.WaitAsync(TestDeadline.Token());
        Assert.DoesNotContain("stopped", provider.Calls);
        release.SetResult();
        await stopping.WaitAsync(TestDeadline.Token());

        Assert.Equal(["activity completed", "stopped"], provider.Calls);
    }

    [Fact]
    public async Task ConcurrencyOption_CapsTheActivitiesRunningAtOnce()
    {
        var running = 0;
        var most = 0;
        await using var host = await TestHost.StartAsync(
            new RecordingInMemoryService(),
            r => r
                .AddActivityFunc<int, int>("Counted", async (_, x) =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref most, now);
                    await Task.Delay(5);
                    Interlocked.Decrement(ref running);
                    return x;
                })
                .AddOrchestratorFunc<int>("Fan", async ctx => (await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ctx.CallActivityAsync<int>("Counted", i)))).Sum()),
            o => o.Concurrency.MaximumConcurrentActivityWorkItems = 1);
        var worker = host.Services.GetServices<IHostedService>().OfType<OrchestrationServiceWorker>().Single();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token());

        Assert.Equal(190, result.ReadOutputAs<int>());
        Assert.Equal(1, worker.Service.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task EachActivityCall_GetsItsOwnDependencyInjectionScope()
    {
        await using var host = await TestHost.StartAsync(
            new RecordingInMemoryService(),
            r => r
                .AddActivity<ScopedActivity>()
                .AddOrchestratorFunc<string[]>("TwoCalls", async ctx =>
                    [await ctx.CallActivityAsync<string>(nameof(ScopedActivity)), await ctx.CallActivityAsync<string>(nameof(ScopedActivity))]),
            services: s => s.AddScoped<ScopedThing>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoCalls");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token());

        var ids = result.ReadOutputAs<string[]>()!;
        Assert.NotEqual(ids[0], ids[1]);
        Assert.True(ScopedThing.Disposed.Contains(ids[0]), "the first call's scope was disposed after it");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    internal sealed class ScopedThing : IDisposable
    {
        public static readonly System.Collections.Concurrent.ConcurrentBag<string> Disposed = [];

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public void Dispose() => Disposed.Add(Id);
    }

    internal sealed class ScopedActivity(ScopedThing thing) : Microsoft.DurableTask.TaskActivity<object?, string>
    {
        public override Task<string> RunAsync(Microsoft.DurableTask.TaskActivityContext context, object? input) => Task.FromResult(thing.Id);
    }
}

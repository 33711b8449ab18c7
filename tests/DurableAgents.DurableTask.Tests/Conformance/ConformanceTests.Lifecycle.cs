using Microsoft.DurableTask;
using DurableAgents.Testing;
using Microsoft.DurableTask.Client;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    /// <summary>How many generations the ContinueAsNew scenario runs (a slow emulator may run fewer).</summary>
    protected virtual int ContinueAsNewGenerations => 1000;

    [Fact]
    public async Task ContinueAsNew_ManyGenerations_EndsWithTheLastOutput()
    {
        var generations = ContinueAsNewGenerations;
        await StartAsync(r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", n);
                if (next < generations)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var result = await RunAsync("Counter", 0, NewId("counter"));

        AssertCompleted(result);
        Assert.Equal(generations, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CustomStatus_IsVisibleWhileRunning_AndAfterCompletion()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Reports", async ctx =>
        {
            ctx.SetCustomStatus(new { step = 1, note = "waiting" });
            var go = await ctx.WaitForExternalEvent<string>("go");
            ctx.SetCustomStatus(new { step = 2, note = go });
            return "done";
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Reports");
        await TestDeadline.WaitUntilAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus is not null, "custom status");

        var running = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("""{"step":1,"note":"waiting"}""", running!.SerializedCustomStatus);
        Assert.Null((await Client.GetInstanceAsync(id, getInputsAndOutputs: false))!.SerializedCustomStatus);
        await Client.RaiseEventAsync(id, "go", "went");
        var done = await WaitForCompletionAsync(id);
        Assert.Equal("""{"step":2,"note":"went"}""", done.SerializedCustomStatus);
    }

    [Fact]
    public async Task Terminate_EndsWaitingInstance_WithOutput()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Forever", ctx => ctx.WaitForExternalEvent<string>("never")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        await WaitForStartAsync(id);

        await Client.TerminateInstanceAsync(id, "operator stopped it");

        var result = await WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stopped it", result.ReadOutputAs<string>());
        await Assert.ThrowsAsync<ArgumentException>(() => Client.TerminateInstanceAsync("no-such-instance"));
    }

    [Fact]
    public async Task SuspendResume_EventsWaitWhileSuspended()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Pausable", async ctx =>
        {
            var first = await ctx.WaitForExternalEvent<string>("first");
            ctx.SetCustomStatus("got first");
            return first + await ctx.WaitForExternalEvent<string>("second");
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Pausable");
        await WaitForStartAsync(id);

        await Client.SuspendInstanceAsync(id, "maintenance");
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, "first", "a");
        await Client.RaiseEventAsync(id, "second", "b");
        // Nothing runs while suspended: the custom status the first event would set stays unset.
        var whileSuspended = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Null(whileSuspended.SerializedCustomStatus);

        await Client.ResumeInstanceAsync(id, "done");

        var result = await WaitForCompletionAsync(id);
        AssertCompleted(result);
        Assert.Equal("ab", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_RemovesFinishedInstance_RefusesRunningOne()
    {
        await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done"))
            .AddOrchestratorFunc<string>("Waits", ctx => ctx.WaitForExternalEvent<string>("x")));
        var done = await RunAsync("Quick");
        var running = await Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await WaitForStartAsync(running);

        Assert.Equal(1, (await Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(done.InstanceId));
        Assert.Equal(0, (await Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(running));
        Assert.Contains("Terminate it first", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(await Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task PurgeAll_ByFilter_RemovesOnlyMatchingFinishedInstances()
    {
        await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done"))
            .AddOrchestratorFunc<string>("Fails", _ => Task.FromException<string>(new InvalidOperationException("no")))
            .AddOrchestratorFunc<string>("Waits", ctx => ctx.WaitForExternalEvent<string>("x")));
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var completed = await RunAsync("Quick");
        var failed = await RunAsync("Fails");
        var running = await Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await WaitForStartAsync(running);

        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(completed.InstanceId));
        Assert.NotNull(await Client.GetInstanceAsync(failed.InstanceId));
        Assert.NotNull(await Client.GetInstanceAsync(running));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running])));
    }

    [Fact]
    public async Task Restart_StartsAgainWithTheOriginalInput()
    {
        var runs = 0;
        await StartAsync(r => r.AddOrchestratorFunc<string, string>("Echo", (_, x) =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(x + "!");
        }));
        var first = await RunAsync("Echo", "hi", NewId("restart"));

        var sameId = await Client.RestartAsync(first.InstanceId);
        var newId = await Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: true);

        Assert.Equal(first.InstanceId, sameId);
        Assert.NotEqual(first.InstanceId, newId);
        Assert.Equal("hi!", (await WaitForCompletionAsync(newId)).ReadOutputAs<string>());
        await TestDeadline.WaitUntilAsync(() => Volatile.Read(ref runs) >= 3, "three runs");
        Assert.Equal("hi!", (await WaitForCompletionAsync(sameId)).ReadOutputAs<string>());
        await Assert.ThrowsAsync<ArgumentException>(() => Client.RestartAsync("no-such-instance"));
    }
}

namespace DurableAgents.Orchestration.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task ContinueAsNew_ThousandGenerations_HistoryDoesNotGrow()
    {
        await StartAsync(r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", n);
                if (next < 1000)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var result = await RunAsync("Counter", 0, "counter-1");

        AssertCompleted(result);
        Assert.Equal(1000, result.ReadOutputAs<int>());
        var history = await Client.GetOrchestrationHistoryAsync("counter-1");
        Assert.InRange(history.Count, 1, 10);
    }

    [Fact]
    public async Task ContinueAsNew_CarriesUnprocessedEventsToTheNextGeneration()
    {
        await StartAsync(r => r.AddOrchestratorFunc<int, string>("Gen", async (ctx, generation) =>
        {
            var item = await ctx.WaitForExternalEvent<string>("item");
            if (generation == 0)
            {
                ctx.ContinueAsNew(1);
                return "";
            }

            return item;
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Gen", 0);
        await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());
        await Client.SuspendInstanceAsync(id);
        await Client.RaiseEventAsync(id, "item", "first");
        await Client.RaiseEventAsync(id, "item", "second");
        await Client.ResumeInstanceAsync(id);

        var result = await WaitForCompletionAsync(id);
        Assert.Equal("second", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_EndsWaitingInstance_WithReason()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Forever", ctx => ctx.WaitForExternalEvent<string>("never")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());

        await Client.TerminateInstanceAsync(id, "operator stopped it");

        var result = await WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stopped it", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendResume_EventsWaitWhileSuspended()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Pausable", ctx => ctx.WaitForExternalEvent<string>("go")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Pausable");
        await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());

        await Client.SuspendInstanceAsync(id, "maintenance");
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, "go", "now");
        await Testing.TestDeadline.WaitUntilAsync(
            async () => (await Client.GetOrchestrationHistoryAsync(id)).OfType<History.EventRaisedEvent>().Any(), "event recorded");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await Client.GetInstanceAsync(id))!.RuntimeStatus);

        await Client.ResumeInstanceAsync(id);

        var result = await WaitForCompletionAsync(id);
        AssertCompleted(result);
        Assert.Equal("now", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_RemovesFinishedInstance_RefusesRunningOne()
    {
        await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done"))
            .AddOrchestratorFunc<string>("Waits", ctx => ctx.WaitForExternalEvent<string>("x")));
        var done = await RunAsync("Quick");
        var running = await Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await Client.WaitForInstanceStartAsync(running, false, Testing.TestDeadline.Token());

        Assert.True(await Client.PurgeInstanceAsync(done.InstanceId));
        Assert.Null(await Client.GetInstanceAsync(done.InstanceId));
        Assert.Empty(await Client.GetOrchestrationHistoryAsync(done.InstanceId));
        Assert.False(await Client.PurgeInstanceAsync(done.InstanceId));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(running));
        Assert.Contains("Terminate it first", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(await Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Start_SameIdWhileRunning_IsRefused_AfterCompletionStartsAnew()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string, string>("Echo", async (ctx, x) => x + await ctx.WaitForExternalEvent<string>("end")));
        await Client.ScheduleNewOrchestrationInstanceAsync("Echo", "a", new() { InstanceId = "same" });

        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("Echo", "b", new() { InstanceId = "same" }));
        Assert.Contains("'same'", ex.Message, StringComparison.Ordinal);

        await Client.WaitForInstanceStartAsync("same", false, Testing.TestDeadline.Token());
        await Client.RaiseEventAsync("same", "end", "!");
        Assert.Equal("a!", (await WaitForCompletionAsync("same")).ReadOutputAs<string>());

        await Client.ScheduleNewOrchestrationInstanceAsync("Echo", "c", new() { InstanceId = "same" });
        await Client.WaitForInstanceStartAsync("same", false, Testing.TestDeadline.Token());
        await Client.RaiseEventAsync("same", "end", "?");
        Assert.Equal("c?", (await WaitForCompletionAsync("same")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduledStart_StaysPendingUntilItsTime()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Later", _ => Task.FromResult("ran")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            "Later", null, new() { StartAt = DateTimeOffset.UtcNow.AddSeconds(1) });

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await Client.GetInstanceAsync(id))!.RuntimeStatus);
        var result = await WaitForCompletionAsync(id);
        Assert.Equal("ran", result.ReadOutputAs<string>());
    }
}

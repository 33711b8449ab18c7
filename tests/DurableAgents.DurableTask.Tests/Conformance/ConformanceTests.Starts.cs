using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task Start_ExistingId_IsRefusedInAnyState_UnlessDedupeStatusesAllowIt()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string, string>("Echo", async (ctx, x) => x + await ctx.WaitForExternalEvent<string>("end")));
        var id = NewId("same");
        await Client.ScheduleNewOrchestrationInstanceAsync("Echo", "a", new StartOrchestrationOptions { InstanceId = id });

        var whileRunning = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("Echo", "b", new StartOrchestrationOptions { InstanceId = id }));
        Assert.Contains($"'{id}'", whileRunning.Message, StringComparison.Ordinal);

        await WaitForStartAsync(id);
        await Client.RaiseEventAsync(id, "end", "!");
        Assert.Equal("a!", (await WaitForCompletionAsync(id)).ReadOutputAs<string>());
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("Echo", "c", new StartOrchestrationOptions { InstanceId = id }));

        // Told otherwise: only a running instance refuses the id, so a completed one is replaced.
        var reuse = new StartOrchestrationOptions { InstanceId = id }
            .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        await Client.ScheduleNewOrchestrationInstanceAsync("Echo", "c", reuse);
        await WaitForStartAsync(id);
        await Client.RaiseEventAsync(id, "end", "?");
        Assert.Equal("c?", (await WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Start_WithTags_TagsAreStored()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Tagged", _ => Task.FromResult("ok")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            "Tagged", null, new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["team"] = "agents" } });

        var result = await WaitForCompletionAsync(id);

        Assert.Equal("agents", result.Tags["team"]);
    }

    [Fact]
    public async Task Start_BadArguments_AreRefusedWithClearErrors()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Any", _ => Task.FromResult("ok")));

        var badId = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("Any", null, new StartOrchestrationOptions { InstanceId = "bad id/with slash" }));
        Assert.Contains("'bad id/with slash'", badId.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewOrchestrationInstanceAsync(new TaskName(" ")));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            "Any", new StartOrchestrationOptions().WithDedupeStatuses(OrchestrationRuntimeStatus.Terminated)));
    }
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task Query_FiltersByStatusTimeAndPrefix_AndPages()
    {
        await StartAsync(r => r
            .AddOrchestratorFunc<string>("Done", _ => Task.FromResult("ok"))
            .AddOrchestratorFunc<string>("Open", ctx => ctx.WaitForExternalEvent<string>("x")));
        var prefix = NewId("q") + "-";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 12; i++)
        {
            await RunAsync("Done", instanceId: $"{prefix}done-{i:D2}");
        }

        for (var i = 0; i < 5; i++)
        {
            await WaitForStartAsync(await Client.ScheduleNewOrchestrationInstanceAsync("Open", null, new StartOrchestrationOptions { InstanceId = $"{prefix}open-{i}" }));
        }

        var pages = new List<int>();
        var all = new List<string>();
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 5 }).AsPages())
        {
            pages.Add(page.Values.Count);
            all.AddRange(page.Values.Select(m => m.InstanceId));
        }

        Assert.Equal(17, all.Distinct().Count());
        Assert.Equal(17, all.Count);
        Assert.All(pages, n => Assert.InRange(n, 0, 5));
        Assert.True(pages.Count >= 4, $"17 instances in pages of 5 came in {pages.Count} pages");

        var running = await ToListAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] });
        Assert.Equal(5, running.Count);
        var withOutputs = await ToListAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix + "done-", Statuses = [OrchestrationRuntimeStatus.Completed], FetchInputsAndOutputs = true,
        });
        Assert.Equal(12, withOutputs.Count);
        Assert.All(withOutputs, m => Assert.Equal("ok", m.ReadOutputAs<string>()));
        Assert.Empty(await ToListAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(1) }));
        var window = await ToListAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = before, CreatedTo = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal(17, window.Count);
    }

    private async Task<List<OrchestrationMetadata>> ToListAsync(OrchestrationQuery query)
    {
        var list = new List<OrchestrationMetadata>();
        await foreach (var m in Client.GetAllInstancesAsync(query))
        {
            list.Add(m);
        }

        return list;
    }
}

using DurableAgents.Orchestration.Client;

namespace DurableAgents.Orchestration.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task Query_FiltersAndPages()
    {
        await StartAsync(r => r
            .AddOrchestratorFunc<string>("Done", _ => Task.FromResult("ok"))
            .AddOrchestratorFunc<string>("Open", ctx => ctx.WaitForExternalEvent<string>("x")));
        var before = DateTime.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 12; i++)
        {
            await RunAsync("Done", instanceId: $"q-done-{i:D2}");
        }

        for (var i = 0; i < 5; i++)
        {
            var id = await Client.ScheduleNewOrchestrationInstanceAsync("Open", null, new() { InstanceId = $"q-open-{i}" });
            await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());
        }

        var all = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-", PageSize = 5, ContinuationToken = token });
            all.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(17, all.Count);
        Assert.Equal(17, all.Distinct().Count());
        Assert.Equal(4, pages);

        var running = await Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] });
        Assert.Equal(5, running.Instances.Count(i => i.InstanceId.StartsWith("q-open-", StringComparison.Ordinal)));
        var byName = await Client.QueryInstancesAsync(new OrchestrationQuery { Name = "Done", FetchInputsAndOutputs = true });
        Assert.Equal(12, byName.Instances.Count);
        Assert.All(byName.Instances, i => Assert.Equal("ok", i.ReadOutputAs<string>()));
        var future = await Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = DateTime.UtcNow.AddMinutes(1) });
        Assert.Empty(future.Instances);
        var window = await Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = before, CreatedTo = DateTime.UtcNow.AddMinutes(1), PageSize = 100 });
        Assert.Equal(17, window.Instances.Count);
        var all2 = new List<OrchestrationMetadata>();
        await foreach (var m in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-done-", PageSize = 3 }))
        {
            all2.Add(m);
        }

        Assert.Equal(12, all2.Count);
    }
}

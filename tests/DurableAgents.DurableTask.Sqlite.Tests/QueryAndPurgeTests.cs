using DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class QueryAndPurgeTests
{
    [Fact]
    public async Task Query_FiltersByStatusCreatedTimeAndPrefix_AndPagesWithAToken()
    {
        await using var hub = await TestHub.StartAsync();
        var before = DateTime.UtcNow;
        for (int i = 0; i < 25; i++)
        {
            await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), $"q-a-{i:D2}", 1));
        }

        await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "q-b-running", 1);
        await OrchestrationTests.WaitForStatusAsync(hub, "q-b-running", OrchestrationStatus.Running);

        var ids = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var page = await hub.Service.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery { InstanceIdPrefix = "q-a-", PageSize = 10, ContinuationToken = token, CreatedTimeFrom = before, RuntimeStatus = [OrchestrationStatus.Completed] },
                CancellationToken.None);
            ids.AddRange(page.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"q-a-{i:D2}"), ids.Order());
        var running = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { RuntimeStatus = [OrchestrationStatus.Running] }, CancellationToken.None);
        Assert.Equal("q-b-running", Assert.Single(running.OrchestrationState).OrchestrationInstance.InstanceId);
        var future = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { CreatedTimeFrom = DateTime.UtcNow.AddHours(1) }, CancellationToken.None);
        Assert.Empty(future.OrchestrationState);
        await Assert.ThrowsAsync<ArgumentException>(() => hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { ContinuationToken = "garbage!" }, CancellationToken.None));
    }

    [Fact]
    public async Task Purge_DeletesAFinishedInstance_RefusesARunningOne_AndPurgesByFilter()
    {
        await using var hub = await TestHub.StartAsync();
        var done = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "p-done", 2);
        await hub.WaitAsync(done);
        var failed = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Parent), "p-failed", -1);
        await hub.WaitAsync(failed);
        var running = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "p-running", 1);
        await OrchestrationTests.WaitForStatusAsync(hub, "p-running", OrchestrationStatus.Running);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => hub.Service.PurgeInstanceStateAsync("p-running"));
        Assert.Contains("p-running", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await hub.Service.PurgeInstanceStateAsync("p-done")).DeletedInstanceCount);
        Assert.Null(await hub.Client.GetOrchestrationStateAsync("p-done"));
        Assert.Equal("[]", await hub.Client.GetOrchestrationHistoryAsync(done));
        Assert.Equal(0, (await hub.Service.PurgeInstanceStateAsync("p-done")).DeletedInstanceCount);

        var byFilter = await hub.Service.PurgeInstanceStateAsync(new PurgeInstanceFilter(DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(1), [OrchestrationStatus.Failed, OrchestrationStatus.Running]));

        Assert.Equal(1, byFilter.DeletedInstanceCount); // the failed child (its parent caught the failure and completed); the running one stays
        Assert.Null(await hub.Client.GetOrchestrationStateAsync("p-failed-child"));
        Assert.NotNull(await hub.Client.GetOrchestrationStateAsync("p-failed"));
        Assert.NotNull(await hub.Client.GetOrchestrationStateAsync("p-running"));
    }
}

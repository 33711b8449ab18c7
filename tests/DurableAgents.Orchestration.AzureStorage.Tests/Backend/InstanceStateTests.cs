using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Backend;

/// <summary>Instance state in table entities: states too large for an entity, and prefix queries over escaped keys.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstanceStateTests(AzuriteFixture azurite)
{
    private AzureStorageOrchestrationOptions Options() => new()
    {
        ConnectionString = azurite.Azurite.ConnectionString,
        TaskHubName = "state" + Guid.NewGuid().ToString("N")[..12],
        LeaseDuration = TimeSpan.FromSeconds(15),
        LeaseRenewInterval = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task StateTooLargeForAnEntity_LivesInOneBlobAtATime_AndPurgeRemovesIt()
    {
        await using var service = new AzureStorageOrchestrationService(Options());
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<string, int>("Length", (_, s) => s.Length)
            .AddOrchestratorFunc<string, int>("TwoSteps", async (ctx, s) =>
                await ctx.CallActivityAsync<int>("Length", s) + await ctx.CallActivityAsync<int>("Length", s)));
        var input = new string('x', StateEntity.MaxInlineChars + 1000);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoSteps", input);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(120));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2 * input.Length, done.ReadOutputAs<int>());
        Assert.Equal(input, done.ReadInputAs<string>());
        // Every episode wrote a new body and deleted the one it replaced.
        Assert.Single(await BlobsAsync(service, InstanceBlobNames.HistoryPrefix(id) + "state-"));

        Assert.True(await host.Client.PurgeInstanceAsync(id));
        Assert.Empty(await BlobsAsync(service, InstanceBlobNames.HistoryPrefix(id)));
        Assert.Null(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task QueryByIdPrefix_WithEscapedCharacters_PagesThroughEveryMatchOnce()
    {
        await using var service = new AzureStorageOrchestrationService(Options());
        await using var host = await WorkerHost.StartAsync(service, r => r.AddOrchestratorFunc<int, int>("Same", (_, x) => Task.FromResult(x)));
        string[] matching = ["q:1", "q:2", "q:3", "q:4", "q:5"];
        foreach (var id in matching.Concat(["q2", "qq:1", "p:1", "r"]))
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Same", 1, new StartOrchestrationOptions { InstanceId = id });
        }

        var pages = new List<IReadOnlyList<string>>();
        var query = new OrchestrationQuery { InstanceIdPrefix = "q:", PageSize = 2 };
        do
        {
            var page = await host.Client.QueryInstancesAsync(query);
            pages.Add(page.Instances.Select(i => i.InstanceId).ToList());
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        Assert.Equal(matching, pages.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
    }

    [Fact]
    public async Task Query_WithAForeignContinuationToken_SaysToPassTheReturnedOne()
    {
        await using var service = new AzureStorageOrchestrationService(Options());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            service.QueryAsync(new OrchestrationQuery { ContinuationToken = "bm90IG91cnM=" }, CancellationToken.None));

        Assert.Contains("pass the token from the previous page", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> BlobsAsync(AzureStorageOrchestrationService service, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in azurite.Connection.GetBlobContainerClient(service.Layout.InstancesContainer).ListBlobsAsync(prefix, null, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}

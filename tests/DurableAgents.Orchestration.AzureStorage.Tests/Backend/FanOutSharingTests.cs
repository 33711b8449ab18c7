using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Backend;

/// <summary>
/// A host keeps only a few of the activities it schedules for itself (sent hidden, handed over in memory); the rest of a fan-out
/// must be visible in the shared work-item queue, where any host can take them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FanOutSharingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task FanOutLargerThanTheLocalShare_LeavesTheRestVisibleForOtherHosts_AndCompletes()
    {
        const int width = 64;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationOptions
        {
            ConnectionString = azurite.Azurite.ConnectionString,
            TaskHubName = "fanout" + Guid.NewGuid().ToString("N")[..12],
            LeaseDuration = TimeSpan.FromSeconds(15),
            LeaseRenewInterval = TimeSpan.FromSeconds(3),
        });
        await using var host = await WorkerHost.StartAsync(service,
            r => r
                .AddActivityFunc<int, int>("Held", async (_, x) => { await gate.Task; return x; })
                .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                    (await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Held", i)))).Sum()),
            o => o.MaxConcurrentActivities = 2);
        var workItems = azurite.Connection.GetQueueClient(service.Layout.WorkItemQueue);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", width);
        // With every activity held, the two running ones and the local share are hidden; the others must stay visible.
        await TestDeadline.WaitUntilAsync(async () => (await workItems.PeekMessagesAsync(32)).Count == 32,
            "at least 32 of the fan-out's activities to be visible in the work-item queue", seconds: 60);
        gate.SetResult();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(120));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(width * (width + 1) / 2, done.ReadOutputAs<int>());
    }
}

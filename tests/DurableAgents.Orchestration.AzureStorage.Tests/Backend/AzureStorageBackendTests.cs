using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.History;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Backend;

/// <summary>Behaviour specific to this backend: 16 MB payloads, and the queue-trigger (Triggered) mode.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBackendTests(AzuriteFixture azurite)
{
    private AzureStorageOrchestrationOptions Options(AzureStorageMode mode = AzureStorageMode.Polling) => new()
    {
        ConnectionString = azurite.Azurite.ConnectionString,
        TaskHubName = "backend" + Guid.NewGuid().ToString("N")[..12],
        LeaseDuration = TimeSpan.FromSeconds(15),
        LeaseRenewInterval = TimeSpan.FromSeconds(3),
        Mode = mode,
    };

    [Fact]
    public async Task SixteenMegabytePayload_FlowsThroughQueuesAndHistory()
    {
        await using var service = new AzureStorageOrchestrationService(Options());
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<int, string>("Big", (_, n) => new string('a', n))
            .AddOrchestratorFunc<int, int>("UsesBig", async (ctx, n) => (await ctx.CallActivityAsync<string>("Big", n)).Length));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("UsesBig", 16 * 1024 * 1024);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(120));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(16 * 1024 * 1024, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task TriggeredMode_RunsHandedOverMessages_AndIgnoresDuplicateDeliveries()
    {
        await using var service = new AzureStorageOrchestrationService(Options(AzureStorageMode.Triggered));
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<int, int>("Double", (_, x) => x * 2)
            .AddOrchestratorFunc<int, int>("Twice", async (ctx, x) => await ctx.CallActivityAsync<int>("Double", await ctx.CallActivityAsync<int>("Double", x))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 5);
        var control = service.Layout.ControlQueues.Select(azurite.Connection.GetQueueClient).ToList();
        var workItems = azurite.Connection.GetQueueClient(service.Layout.WorkItemQueue);

        // The test plays the Functions queue trigger: one message at a time, each delivered twice, deleted after success.
        await TestDeadline.WaitUntilAsync(async () =>
        {
            foreach (var queue in control.Append(workItems))
            {
                foreach (var m in await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)))
                {
                    for (var delivery = 1; delivery <= 2; delivery++)
                    {
                        if (queue == workItems)
                        {
                            await service.ProcessWorkItemMessageAsync(m.MessageText, m.MessageId, delivery, host.Worker, CancellationToken.None);
                        }
                        else
                        {
                            await service.ProcessControlMessageAsync(m.MessageText, m.MessageId, delivery, host.Worker, CancellationToken.None);
                        }
                    }

                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }
            }

            return (await host.Client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
        }, "the handed-over run to complete");

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(20, done!.ReadOutputAs<int>());
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(2, history.OfType<TaskCompletedEvent>().Count());
        Assert.Empty(service.OwnedPartitions);
    }
}

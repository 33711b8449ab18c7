using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.History;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Backend;

/// <summary>
/// Activity results that ride on work-item messages: the host that ran an activity hands the result to its partition on the
/// activity's own message, the next activity of the same instance is written into that message together with the result, and a
/// result not consumed in time is written into it alone. These tests check what a receiver does with such messages (after a crash
/// they are the only copy of a result), the delayed write, and what the shortcut saves.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResultHandOverTests(AzuriteFixture azurite)
{
    private AzureStorageOrchestrationOptions Options(StorageConnection? connection = null) => new()
    {
        ConnectionString = azurite.Azurite.ConnectionString,
        Connection = connection,
        TaskHubName = "handover" + Guid.NewGuid().ToString("N")[..12],
        LeaseDuration = TimeSpan.FromSeconds(15),
        LeaseRenewInterval = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task WorkItemMessageCarryingOnlyAResult_IsDeliveredToItsInstance_AndDeleted()
    {
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var service = new AzureStorageOrchestrationService(Options());
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<int, string>("Gate", async (_, _) => { started.TrySetResult(); return await gate.Task; })
            .AddOrchestratorFunc<int, string>("Waits", async (ctx, _) => await ctx.CallActivityAsync<string>("Gate", 0)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        await started.Task.WaitAsync(TestDeadline.Token(60));

        // What a host leaves behind when it dies after writing task 0's result into the work item, before the episode was stored.
        var result = TaskMessage.Create(id, new TaskCompletedEvent(0, "\"carried\""));
        await SendToWorkItemsAsync(service, new QueueEnvelope(result, null));

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("carried", done.ReadOutputAs<string>());

        gate.SetResult("late"); // The real activity finishes too: its result is a duplicate and changes nothing.
        var workItems = azurite.Connection.GetQueueClient(service.Layout.WorkItemQueue);
        await TestDeadline.WaitUntilAsync(async () => await workItems.GetApproximateMessageCountAsync() == 0, "the work-item queue to empty", seconds: 60);
        Assert.Equal("carried", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WorkItemMessageCarryingAResultAndTheNextActivity_DeliversTheResult_AndRunsTheActivity()
    {
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var echoes = new ConcurrentBag<string>();
        await using var service = new AzureStorageOrchestrationService(Options());
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<int, string>("Gate", async (_, _) => { started.TrySetResult(); return await gate.Task; })
            .AddActivityFunc<string, string>("Echo", (_, text) => { echoes.Add(text); return "echo " + text; })
            .AddOrchestratorFunc<int, string>("TwoSteps", async (ctx, _) =>
                await ctx.CallActivityAsync<string>("Echo", await ctx.CallActivityAsync<string>("Gate", 0))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoSteps", 0);
        await started.Task.WaitAsync(TestDeadline.Token(60));

        // A host died after storing nothing of the second episode but rewriting the work item: task 1 with task 0's result.
        var result = TaskMessage.Create(id, new TaskCompletedEvent(0, "\"carried\""));
        var next = TaskMessage.Create(id, new TaskScheduledEvent(1, "Echo", "\"carried\""));
        await SendToWorkItemsAsync(service, new QueueEnvelope(next, null, result));

        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("echo carried", done.ReadOutputAs<string>());
        Assert.Contains("carried", echoes);
        gate.SetResult("late");
    }

    [Fact]
    public async Task ResultNotConsumedInTime_IsWrittenIntoItsWorkItemMessage()
    {
        var recorder = new RecordingTransport();
        var connection = StorageConnection.Create(new StorageAccountOptions { ConnectionString = azurite.Azurite.ConnectionString, Transport = recorder });
        var options = Options(connection);
        options.PartitionCount = 1;
        await using var service = new AzureStorageOrchestrationService(options);
        static bool ResultWrite(string w) => w.StartsWith("PUT", StringComparison.Ordinal) && w.Contains("-workitems/messages/", StringComparison.Ordinal);
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("SlowToConsume", async (ctx, x) =>
            {
                var result = await ctx.CallActivityAsync<int>("Inc", x);
                // The episode that consumes the result holds it back until the host has written the result on its own.
                var written = SpinWait.SpinUntil(() => recorder.Writes.Any(ResultWrite), TimeSpan.FromSeconds(30));
                return written ? result : -1;
            }));
        await TestDeadline.WaitUntilAsync(() => Task.FromResult(service.OwnedPartitions.Count == 1), "the partition to be owned", seconds: 60);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("SlowToConsume", 41);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(120));

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Single(recorder.Writes, ResultWrite);
    }

    [Fact]
    public async Task SequentialSteps_WriteAtMostTwoQueueMessagesPerStep_NotFour()
    {
        // Without the shortcut a step sends the activity, deletes it, sends the result and deletes that: four message writes. With
        // it, one (the next activity and the result written into the message) when episodes keep up, two when they do not.
        const int steps = 30;
        var recorder = new RecordingTransport();
        var connection = StorageConnection.Create(new StorageAccountOptions { ConnectionString = azurite.Azurite.ConnectionString, Transport = recorder });
        var options = Options(connection);
        options.PartitionCount = 1;
        await using var service = new AzureStorageOrchestrationService(options);
        await using var host = await WorkerHost.StartAsync(service, r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Count", async (ctx, n) =>
            {
                var x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<int>("Inc", x);
                }

                return x;
            }));
        await TestDeadline.WaitUntilAsync(() => Task.FromResult(service.OwnedPartitions.Count == 1), "the partition to be owned", seconds: 60);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Count", steps);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token(120));

        Assert.Equal(steps, done.ReadOutputAs<int>());
        var messageWrites = recorder.Writes.Count(w => w.Contains("/messages", StringComparison.Ordinal));
        // At most two rewrites per step, plus the start message, the first activity and the deletes at the ends.
        Assert.True(messageWrites <= 2 * steps + 6, $"{messageWrites} queue message writes for {steps} steps:\n{string.Join("\n", recorder.Writes.Take(40))}");
    }

    private async Task SendToWorkItemsAsync(AzureStorageOrchestrationService service, QueueEnvelope envelope)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(envelope, HistorySerializer.Options);
        await azurite.Connection.GetQueueClient(service.Layout.WorkItemQueue).SendMessageAsync(Convert.ToBase64String(json));
    }

    /// <summary>Sends real HTTP and records every write (method and path) the backend makes.</summary>
    private sealed class RecordingTransport : HttpPipelineTransport
    {
        private readonly HttpPipelineTransport _inner = new HttpClientTransport();
        private readonly ConcurrentQueue<string> _writes = new();

        public IReadOnlyCollection<string> Writes => _writes;

        public override Request CreateRequest() => _inner.CreateRequest();

        public override void Process(HttpMessage message) => throw new NotSupportedException("The storage client is async only.");

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            var method = message.Request.Method.Method;
            if (method is not ("GET" or "HEAD"))
            {
                _writes.Enqueue($"{method} {message.Request.Uri.Path}");
            }

            await _inner.ProcessAsync(message);
        }
    }
}

using System.Net;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Host.Triggers.Queue;
using DurableAgents.Orchestration.AzureStorage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.History;
using DurableAgents.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.Host.Tests.Azure;

/// <summary>Triggered mode under the custom handler: the host polls nothing, and the engine advances only on handed-over messages.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TriggeredModeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_CompletesOnlyThroughHandedOverMessages_AndDuplicateDeliveriesChangeNothing()
    {
        var taskHub = AzureHostSettings.NewTaskHub();
        using var factory = new HostFactory(AzureHostSettings.For(azurite, taskHub, mode: "Triggered"));
        using var http = factory.CreateClient();
        var backend = factory.Services.GetRequiredService<AzureStorageOrchestrationService>();
        Assert.Equal(AzureStorageMode.Triggered, backend.Options.Mode);
        // The run queue is the Functions host's job too (the start-run function), so the host's own run-queue poller is off.
        Assert.DoesNotContain(factory.Services.GetServices<IHostedService>(), s => s is QueueTriggerService);
        var runId = "trig-" + Guid.NewGuid().ToString("N")[..12];
        await http.StartAsync("background", "handed over", runId);

        // No poller runs: the start message waits in its control queue until the stand-in Functions host hands it over.
        var functions = new FunctionsHostStandIn(http, azurite.Connection, backend.Layout);
        var waiting = await http.WaitForRunAsync(runId, _ => true, "the run exists");
        Assert.Equal("Pending", waiting.Status());
        await TestDeadline.WaitUntilAsync(async () =>
        {
            await functions.PumpOnceAsync();
            var (_, run) = await http.SendAsync(HttpMethod.Get, $"/api/runs/{runId}");
            return run.Status() == "Completed";
        }, "the run completes through handed-over messages", 45);

        Assert.Empty(functions.Failures);
        Assert.True(functions.Duplicates >= 2, $"expected duplicate deliveries of the control messages, got {functions.Duplicates}");
        Assert.Empty(backend.OwnedPartitions);
        Assert.Equal(1, StandInAgentRun.Starts.GetValueOrDefault(runId));
        var history = await factory.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(runId);
        Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }

    [Fact]
    public async Task EngineInvocation_IsRefused_WhenTheHostIsNotInTriggeredMode()
    {
        using var factory = new HostFactory();
        using var http = factory.CreateClient();

        var (response, body) = await http.SendAsync(HttpMethod.Post, "/engine-workitems", FunctionsHostStandIn.Payload("{}", "m1", 1, "engine-workitems"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Triggered", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EngineInvocation_WithAnUnreadableMessage_FailsSoTheFunctionsHostRetries()
    {
        using var factory = new HostFactory(AzureHostSettings.For(azurite, AzureHostSettings.NewTaskHub(), mode: "Triggered"));
        using var http = factory.CreateClient();

        var (response, body) = await http.SendAsync(HttpMethod.Post, "/engine-control-0", FunctionsHostStandIn.Payload("{\"not\":\"an engine message\"}", "m2", 1, "engine-control-0"));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("m2", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

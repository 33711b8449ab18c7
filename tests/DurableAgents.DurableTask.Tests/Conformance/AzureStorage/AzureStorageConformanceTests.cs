using DurableAgents.Testing.Azurite;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.DurableTask.Tests.Conformance.AzureStorage;

/// <summary>
/// The suite on Durable Functions' Azure Storage provider (UseAzureStorage with the tuned defaults) on a patched Azurite;
/// each test has a fresh task hub, deleted afterwards. A restart disposes the provider with the host and opens a new one.
/// </summary>
public sealed class AzureStorageConformanceTests(AzuriteFixture azurite) : ConformanceTests, IClassFixture<AzuriteFixture>
{
    private readonly AzureStorageOptions _options = new()
    {
        ConnectionString = azurite.ConnectionString,
        TaskHubName = AzuriteFixture.NewTaskHub(),
    };

    // Each generation is an episode and an activity through storage queues: 100 say the same as 1,000, in a tenth of the time.
    protected override int ContinueAsNewGenerations => 100;

    // DTFx sends a timer as a queue message whose visibility delay the queue API takes in whole seconds (truncated).
    protected override TimeSpan TimerGranularity => TimeSpan.FromSeconds(1);

    protected override void UseProvider(IDurableTaskWorkerBuilder worker) => worker.UseAzureStorage(_options);

    protected override void UseProvider(IDurableTaskClientBuilder client) => client.UseAzureStorage(_options);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        using var service = new AzureStorageOrchestrationService(DurableAgents.DurableTask.AzureStorage.AzureStorageSettingsFactory.Create(_options, null));
        await service.DeleteAsync();
    }
}

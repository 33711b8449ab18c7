using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Tests.Conformance;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Backend;

/// <summary>The engine's conformance suite on the Azure Storage backend; a restart disposes the service and opens a new one on the same hub.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageConformanceTests(AzuriteFixture azurite) : ConformanceTests
{
    // Every test gets its own task hub, so instance ids and queues never collide between tests.
    private readonly string _taskHub = "conf" + Guid.NewGuid().ToString("N")[..16];

    protected override Task<IOrchestrationService> OpenBackendAsync() =>
        Task.FromResult<IOrchestrationService>(new AzureStorageOrchestrationService(
            new AzureStorageOrchestrationOptions
            {
                ConnectionString = azurite.Azurite.ConnectionString,
                TaskHubName = _taskHub,
                LeaseDuration = TimeSpan.FromSeconds(15),
                LeaseRenewInterval = TimeSpan.FromSeconds(3),
                // Short hops so that timers on a manual clock are looked at again every second.
                MaxTimerHop = TimeSpan.FromSeconds(1),
            },
            timeProvider: Clock));

    protected override async Task CloseBackendAsync(IOrchestrationService backend, bool restarting) =>
        await ((AzureStorageOrchestrationService)backend).DisposeAsync();
}

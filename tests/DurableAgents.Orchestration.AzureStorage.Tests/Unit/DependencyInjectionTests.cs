using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Unit;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task UseAzureStorageBackend_RegistersOneServiceForTheWorkerAndTheTriggerEntryPoints()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTaskWorker(b => b.UseAzureStorageBackend("UseDevelopmentStorage=true", "dihub"));
        await using var provider = services.BuildServiceProvider();

        var backend = provider.GetRequiredService<IOrchestrationService>();
        var concrete = provider.GetRequiredService<AzureStorageOrchestrationService>();

        Assert.Same(concrete, backend);
        Assert.Equal("dihub-workitems", concrete.Layout.WorkItemQueue);
    }

    [Fact]
    public void UseAzureStorageBackend_RejectsAnInvalidTaskHubAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() =>
            services.AddDurableTaskWorker(b => b.UseAzureStorageBackend("UseDevelopmentStorage=true", "Bad_Hub")));
        Assert.Contains("Bad_Hub", error.Message, StringComparison.Ordinal);
    }
}

using DurableAgents.Orchestration.Backend;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>A convenience for the benchmark program: a started backend on a connection string and task hub.</summary>
public static class AzureStorageBenchmarkBackend
{
    /// <summary>Creates the backend with default settings and creates its queues and containers.</summary>
    public static Task<IOrchestrationService> CreateAsync(string connectionString, string taskHub) =>
        CreateAsync(new AzureStorageOrchestrationOptions { ConnectionString = connectionString, TaskHubName = taskHub });

    /// <summary>Creates the backend with <paramref name="options"/> and creates its queues and containers.</summary>
    public static async Task<IOrchestrationService> CreateAsync(AzureStorageOrchestrationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = new AzureStorageOrchestrationService(options);
        await service.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return service;
    }
}

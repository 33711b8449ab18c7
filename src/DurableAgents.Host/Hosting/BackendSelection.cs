using DurableAgents.Orchestration.AzureStorage;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Worker;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Host.Hosting;

/// <summary>Picks the orchestration backend from configuration.</summary>
public static class BackendSelection
{
    /// <summary>The connection setting the Functions host and the Azure Storage backend share.</summary>
    public const string AzureStorageSetting = "AzureWebJobsStorage";

    /// <summary>Uses the backend the settings name; returns a one-line description for the start-up log.</summary>
    public static string Apply(DurableTaskWorkerBuilder worker, IConfiguration configuration, DurableAgentsHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var connection = configuration[AzureStorageSetting];
        var backend = options.Backend?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(backend))
        {
            backend = string.IsNullOrWhiteSpace(connection) ? "file" : "azure";
        }

        switch (backend)
        {
            case "file":
                worker.UseFileBackend(options.FullDataPath);
                return $"file backend in {options.FullDataPath}";
            case "memory":
                worker.UseInMemoryBackend();
                return "in-memory backend (nothing survives a restart)";
            case "azure":
                return UseAzureStorage(worker, configuration, connection);
            default:
                throw new InvalidOperationException($"DurableAgents:Backend is '{options.Backend}'; use file, memory or azure.");
        }
    }

    private static string UseAzureStorage(DurableTaskWorkerBuilder worker, IConfiguration configuration, string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                $"DurableAgents:Backend is 'azure' but {AzureStorageSetting} is empty. Set it to a storage connection string "
                + "(UseDevelopmentStorage=true for Azurite).");
        }

        var section = configuration.GetSection("DurableAgents:AzureStorage");
        var taskHub = section["TaskHubName"] ?? "durableagents";
        worker.UseAzureStorageBackend(o =>
        {
            section.Bind(o);
            o.ConnectionString = connection;
            o.TaskHubName = taskHub;
        });

        // Conversations must be readable by every host of the task hub, so they live in blobs too.
        var storage = StorageConnection.FromConnectionString(connection);
        worker.Services.AddSingleton<IConversationStore>(new BlobConversationStore(storage, $"{taskHub}-conversations"));
        return $"Azure Storage backend, task hub '{taskHub}'";
    }
}

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

    /// <summary>Uses the backend the settings name; returns its kind (file, memory, azure) and a one-line description for the start-up log.</summary>
    public static (string Kind, string Description) Apply(DurableTaskWorkerBuilder worker, IConfiguration configuration, DurableAgentsHostOptions options)
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
                return (backend, $"file backend in {options.FullDataPath}");
            case "memory":
                worker.UseInMemoryBackend();
                return (backend, "in-memory backend (nothing survives a restart)");
            case "azure":
                return (backend, UseAzureStorage(worker, configuration, connection));
            default:
                throw new StartupRefusalException($"DurableAgents:Backend is '{options.Backend}'; use file, memory or azure.");
        }
    }

    private static string UseAzureStorage(DurableTaskWorkerBuilder worker, IConfiguration configuration, string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new StartupRefusalException(
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

using Azure.Storage.Blobs;
using Azure.Data.Tables;
using DurableAgents.Api.Conversations;
using DurableAgents.Api.Memory;
using DurableAgents.Memory;
using Microsoft.Extensions.VectorData;
using DurableAgents.DurableTask;
using DurableAgents.DurableTask.Sqlite;
using DurableAgents.Hosting;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Host.Hosting;

/// <summary>Picks the Durable Task provider from configuration: SQLite (the default), a throw-away SQLite file, or Azure Storage.</summary>
public static class BackendSelection
{
    /// <summary>The connection setting the Functions host and the Azure Storage provider share.</summary>
    public const string AzureStorageSetting = "AzureWebJobsStorage";

    /// <summary>The task hub's database file inside the data folder.</summary>
    public const string DatabaseFile = "taskhub.db";

    /// <summary>Uses the provider the settings name; returns its kind (sqlite, memory, azure) and a one-line description for the start-up log.</summary>
    public static (string Kind, string Description) Apply(DurableAgentsBuilder agents, IConfiguration configuration, DurableAgentsHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var connection = configuration[AzureStorageSetting];
        var backend = options.Backend?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(backend))
        {
            backend = string.IsNullOrWhiteSpace(connection) ? "sqlite" : "azure";
        }

        switch (backend)
        {
            case "sqlite" or "file":
                var path = Path.Combine(options.FullDataPath, DatabaseFile);
                UseSqlite(agents, path);
                return ("sqlite", $"SQLite task hub {path}");
            case "memory":
                var scratch = new ScratchFolder();
                agents.Services.AddSingleton(scratch);
                UseSqlite(agents, Path.Combine(scratch.Path, DatabaseFile));
                return ("memory", "SQLite task hub in a temporary file, deleted when the host stops (nothing survives a restart)");
            case "azure":
                return ("azure", UseAzureStorage(agents, configuration, connection));
            default:
                throw new StartupRefusalException($"DurableAgents:Backend is '{options.Backend}'; use sqlite, memory or azure.");
        }
    }

    private static void UseSqlite(DurableAgentsBuilder agents, string databasePath)
    {
        var settings = new SqliteOrchestrationServiceSettings { DatabasePath = databasePath };
        agents.Worker.UseSqlite(settings);
        agents.Client.UseSqlite(settings);
        agents.Services.AddSingleton<IConversationStore>(sp => new SqliteConversationStore(sp.GetSqliteOrchestrationService(databasePath)));
        agents.Services.AddSingleton<VectorStoreCollection<string, MemoryRecord>>(sp => new SqliteMemoryCollection(sp.GetSqliteOrchestrationService(databasePath)));
    }

    private static string UseAzureStorage(DurableAgentsBuilder agents, IConfiguration configuration, string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new StartupRefusalException(
                $"DurableAgents:Backend is 'azure' but {AzureStorageSetting} is empty. Set it to a storage connection string "
                + "(UseDevelopmentStorage=true for Azurite).");
        }

        // Durable Functions' own provider, so a task hub written here is the format Durable Functions reads.
        var options = new AzureStorageOptions { ConnectionString = connection };
        configuration.GetSection("DurableAgents:AzureStorage").Bind(options);
        try
        {
            agents.Worker.UseAzureStorage(options);
            agents.Client.UseAzureStorage(options);
        }
        catch (ArgumentException e)
        {
            throw new StartupRefusalException($"DurableAgents:AzureStorage is not usable: {e.Message}", e);
        }

        // Conversations must be readable by every host of the task hub, so they live in blobs too.
        var container = new BlobContainerClient(connection, $"{options.TaskHubName.ToLowerInvariant()}-conversations");
        agents.Services.AddSingleton<IConversationStore>(new BlobConversationStore(container));
        agents.Services.AddSingleton<VectorStoreCollection<string, MemoryRecord>>(
            new AzureTableMemoryCollection(new TableClient(connection, AzureMemoryTables.NameFor(options.TaskHubName))));
        return $"Azure Storage provider (Durable Functions' DTFx provider), task hub '{options.TaskHubName}'";
    }

    /// <summary>A temporary folder for the memory backend, deleted with the container.</summary>
    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "durableagents-memory-" + Guid.NewGuid().ToString("N")[..12]);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file still open is removed with the temp folder later.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

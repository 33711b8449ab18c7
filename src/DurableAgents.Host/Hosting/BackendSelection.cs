using DurableAgents.Orchestration.Worker;

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
                // ---- Azure Storage backend: plug in here when DurableAgents.Orchestration.AzureStorage has its
                // orchestration service (the storage REST client exists; the backend is being built in parallel). ----
                throw new InvalidOperationException(
                    $"The Azure Storage backend is not available in this build ({AzureStorageSetting} is set or DurableAgents:Backend is 'azure'). "
                    + "Unset AzureWebJobsStorage or set DurableAgents__Backend=file to use the embedded file backend.");
            default:
                throw new InvalidOperationException($"DurableAgents:Backend is '{options.Backend}'; use file, memory or azure.");
        }
    }
}

using DurableAgents.Benchmarks.Cli;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Orchestration.AzureStorage;
using DurableAgents.Orchestration.Backends.InMemory;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>Creates the backend named on the command line. The benchmark owns it, so several worker hosts can share it.</summary>
internal static class BackendFactory
{
    /// <summary>A fresh backend for one workload run; <paramref name="runName"/> names its data subfolder.</summary>
    public static BackendHandle Create(BenchmarkArguments args, string runName) => args.Backend switch
    {
        "memory" => new BackendHandle(new InMemoryOrchestrationService(TimeProvider.System), null),
        "file" => CreateFile(args.DataPath, runName),
        "azure" => CreateAzure(args.Connection ?? throw new ArgumentException("--backend azure needs --connection (or none, to start Azurite).")),
        _ => throw new ArgumentException($"Unknown backend '{args.Backend}'; use one of: {string.Join(", ", BenchmarkArguments.Backends)}."),
    };

    private static BackendHandle CreateAzure(string connection)
    {
        // A fresh task hub per run; each further worker is a child process on the same hub (its own leases, pollers and runtime).
        var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationOptions { ConnectionString = connection, TaskHubName = hub });
        return new BackendHandle(service, null) { StartWorkerProcess = ct => WorkerProcess.StartAsync(connection, hub, ct) };
    }

    private static BackendHandle CreateFile(string? dataPath, string runName)
    {
        // Each run gets its own folder so journals of earlier workloads do not weigh on later ones.
        var keep = dataPath is not null;
        var root = dataPath ?? Path.Combine(Path.GetTempPath(), "durableagents-bench-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(root, runName + "-" + Guid.NewGuid().ToString("N")[..8]);
        var service = new FileOrchestrationService(new FileBackendOptions { DataPath = folder }, TimeProvider.System);
        return new BackendHandle(service, keep ? null : root);
    }
}

/// <summary>A backend and the temp folder to delete with it.</summary>
internal sealed class BackendHandle(IOrchestrationService service, string? tempFolder) : IAsyncDisposable
{
    public IOrchestrationService Service { get; } = service;

    /// <summary>For backends shared by many processes: starts a further worker as a child process; null runs further hosts in this process.</summary>
    public Func<CancellationToken, Task<WorkerProcess>>? StartWorkerProcess { get; init; }

    public async ValueTask DisposeAsync()
    {
        switch (Service)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }

        if (tempFolder is not null && Directory.Exists(tempFolder))
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }
}

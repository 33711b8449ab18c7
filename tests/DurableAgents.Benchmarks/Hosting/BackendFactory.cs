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
        // A fresh task hub per run; each further worker host gets its own service (own leases), as a separate process would.
        var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
        AzureStorageOrchestrationService Open() => new(new AzureStorageOrchestrationOptions { ConnectionString = connection, TaskHubName = hub });
        return new BackendHandle(Open(), null) { CreateWorkerService = Open };
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

    /// <summary>For backends shared by many processes: a new service for each further worker host; null shares <see cref="Service"/>.</summary>
    public Func<IOrchestrationService>? CreateWorkerService { get; init; }

    /// <summary>Services created for further worker hosts, disposed with this handle.</summary>
    public List<IOrchestrationService> WorkerServices { get; } = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var extra in WorkerServices)
        {
            if (extra is IAsyncDisposable d)
            {
                await d.DisposeAsync();
            }
        }

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

using DurableAgents.Benchmarks.Cli;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>A fresh store for one workload run (a new SQLite file, a new in-memory provider, a new Azure Storage task hub).</summary>
internal abstract class BenchmarkBackend : IAsyncDisposable
{
    /// <summary>The backend's name in the output line.</summary>
    public abstract string Name { get; }

    /// <summary>A fresh backend for one workload run; <paramref name="runName"/> names its file or task hub.</summary>
    public static BenchmarkBackend Create(BenchmarkArguments args, string runName) => args.Backend switch
    {
        "sqlite" => new SqliteBackend(args.DataPath, runName),
        "memory" => new MemoryBackend(),
        "azure" => new AzureBackend(args.Connection ?? throw new ArgumentException("--backend azure needs --connection (or none, to start Azurite).")),
        _ => throw new ArgumentException($"Unknown backend '{args.Backend}'; use one of: {string.Join(", ", BenchmarkArguments.Backends)}."),
    };

    /// <summary>Points the SDK worker of this process at the store.</summary>
    public abstract void UseWorker(IDurableTaskWorkerBuilder worker);

    /// <summary>Points the SDK client of this process at the store.</summary>
    public abstract void UseClient(IDurableTaskClientBuilder client);

    /// <summary>Group commits so far of the provider the SDK host built (SQLite only).</summary>
    public virtual long? Commits(IServiceProvider services) => null;

    /// <summary>A provider object for plain DTFx (<c>--level dtfx</c>); the caller disposes it.</summary>
    public virtual IOrchestrationService CreateService() =>
        throw new NotSupportedException($"--level dtfx does not run on --backend {Name}.");

    /// <summary>Starts a further worker in a child process on the same store; only stores shared across processes can.</summary>
    public virtual Task<WorkerProcess> StartWorkerProcessAsync(int index, CancellationToken cancellation) =>
        throw new NotSupportedException($"--backend {Name} runs in one process; --workers needs --backend azure.");

    /// <summary>Waits until the store's work is spread over <paramref name="workers"/> workers (a no-op where there is one).</summary>
    public virtual Task WaitUntilBalancedAsync(int workers, CancellationToken cancellation) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

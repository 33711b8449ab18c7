using DurableAgents.Orchestration.AzureStorage;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>One or more worker hosts over one backend, set up as an application would, plus a client.</summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    private readonly BackendHandle _backend;
    private readonly List<IHost> _hosts = [];
    private readonly List<WorkerProcess> _processes = [];

    private BenchmarkCluster(BackendHandle backend, StepClock clock)
    {
        _backend = backend;
        Clock = clock;
    }

    /// <summary>A client over the shared backend.</summary>
    public DurableTaskClient Client { get; private set; } = null!;

    /// <summary>Where the stamped activity records its completions.</summary>
    public StepClock Clock { get; }

    /// <summary>Worker processes started for this cluster (the azure backend's further workers).</summary>
    public IReadOnlyList<WorkerProcess> Processes => _processes;

    /// <summary>CPU time used so far by the worker processes (not this one).</summary>
    public TimeSpan ProcessesCpuTime => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime);

    /// <summary>
    /// Starts <paramref name="workers"/> workers over <paramref name="backend"/>: one host in this process (with the client), the
    /// others as child processes where the backend is shared across processes, else as further hosts here. Disposing the cluster
    /// stops them and disposes the backend.
    /// </summary>
    public static async Task<BenchmarkCluster> StartAsync(BackendHandle backend, int workers, CancellationToken cancellationToken)
    {
        var cluster = new BenchmarkCluster(backend, new StepClock());
        try
        {
            var inProcess = backend.StartWorkerProcess is null ? workers : 1;
            for (var i = 0; i < inProcess; i++)
            {
                var host = BuildHost(backend.Service, cluster.Clock);
                cluster._hosts.Add(host);
                await host.StartAsync(cancellationToken);
            }

            cluster.Client = cluster._hosts[0].Services.GetRequiredService<DurableTaskClient>();
            var started = await Task.WhenAll(Enumerable.Range(0, workers - inProcess).Select(_ => backend.StartWorkerProcess!(cancellationToken)));
            cluster._processes.AddRange(started);
            if (started.Length > 0 && backend.Service is AzureStorageOrchestrationService azure)
            {
                await WaitUntilBalancedAsync(azure, started, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    // Until every worker owns its share of the partitions, one worker does all the orchestration work; measuring then would
    // measure the balancing, not the cluster.
    private static async Task WaitUntilBalancedAsync(AzureStorageOrchestrationService local, WorkerProcess[] others, CancellationToken cancellationToken)
    {
        var partitions = local.Options.PartitionCount;
        var fairShare = partitions / (others.Length + 1);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var owned = others.Select(o => o.OwnedPartitions).Append(local.OwnedPartitions.Count).ToList();
            if (owned.Sum() == partitions && owned.All(n => n >= fairShare))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        Console.Error.WriteLine("warning: the partitions were not spread over all workers within 90 s; measuring anyway.");
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }

        await _backend.DisposeAsync();
    }

    /// <summary>A worker host (with a client) over <paramref name="service"/>, set up as an application would.</summary>
    public static IHost BuildHost(IOrchestrationService service, StepClock clock)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(clock);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(BenchmarkTasks.Register);
            // Registered as an instance (not a factory) so each host's container leaves disposal to the benchmark.
            worker.Services.AddSingleton(service);
        });
        builder.Services.AddDurableTaskClient();
        return builder.Build();
    }
}

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

    private BenchmarkCluster(BackendHandle backend, StepClock clock)
    {
        _backend = backend;
        Clock = clock;
    }

    /// <summary>A client over the shared backend.</summary>
    public DurableTaskClient Client { get; private set; } = null!;

    /// <summary>Where the stamped activity records its completions.</summary>
    public StepClock Clock { get; }

    /// <summary>Starts <paramref name="workers"/> hosts over <paramref name="backend"/>; disposing the cluster disposes the backend.</summary>
    public static async Task<BenchmarkCluster> StartAsync(BackendHandle backend, int workers)
    {
        var cluster = new BenchmarkCluster(backend, new StepClock());
        try
        {
            for (var i = 0; i < workers; i++)
            {
                var service = i == 0 || backend.CreateWorkerService is null ? backend.Service : backend.CreateWorkerService();
                if (!ReferenceEquals(service, backend.Service))
                {
                    backend.WorkerServices.Add(service);
                }

                var host = BuildHost(service, cluster.Clock);
                cluster._hosts.Add(host);
                await host.StartAsync();
            }

            cluster.Client = cluster._hosts[0].Services.GetRequiredService<DurableTaskClient>();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
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

    private static IHost BuildHost(IOrchestrationService service, StepClock clock)
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

using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.Tests.Infrastructure;

/// <summary>A real generic host running the worker over a backend the test owns (the host does not dispose it).</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
        Worker = host.Services.GetRequiredService<DurableTaskWorker>();
    }

    public DurableTaskClient Client { get; }

    public DurableTaskWorker Worker { get; }

    public static async Task<WorkerHost> StartAsync(
        IOrchestrationService backend,
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskWorkerOptions>? configure = null,
        TimeProvider? timeProvider = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(backend);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(tasks);
            b.Configure(o =>
            {
                o.ShutdownGracePeriod = TimeSpan.FromSeconds(2);
                configure?.Invoke(o);
            });
        });
        builder.Services.AddDurableTaskClient();
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

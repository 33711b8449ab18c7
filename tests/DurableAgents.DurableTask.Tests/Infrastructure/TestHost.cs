using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Tests.Infrastructure;

/// <summary>A real generic host with our worker and client on one provider object the test owns.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TestHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a host whose worker and client use <paramref name="provider"/> (the test owns it).</summary>
    public static Task<TestHost> StartAsync(
        IOrchestrationService provider,
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskWorkerOptions>? configure = null,
        Action<IServiceCollection>? services = null) =>
        StartAsync(
            w => w.UseOrchestrationService(provider), c => c.UseOrchestrationService((IOrchestrationServiceClient)provider), tasks, configure, services);

    /// <summary>Starts a host whose worker and client are pointed at a provider by the given builder calls.</summary>
    public static async Task<TestHost> StartAsync(
        Action<IDurableTaskWorkerBuilder> useWorkerProvider,
        Action<IDurableTaskClientBuilder> useClientProvider,
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskWorkerOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        services?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(tasks);
            b.Configure(o => configure?.Invoke(o));
            useWorkerProvider(b);
        });
        builder.Services.AddDurableTaskClient(useClientProvider);
        var host = builder.Build();
        await host.StartAsync();
        return new TestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Orchestration.Worker;

/// <summary>Configures the worker: its tasks, its options and its backend.</summary>
public sealed class DurableTaskWorkerBuilder
{
    internal DurableTaskWorkerBuilder(IServiceCollection services, DurableTaskRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The task registry.</summary>
    public DurableTaskRegistry Registry { get; }

    /// <summary>Registers orchestrators and activities.</summary>
    public DurableTaskWorkerBuilder AddTasks(Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Registry);
        return this;
    }

    /// <summary>Configures the worker options.</summary>
    public DurableTaskWorkerBuilder Configure(Action<DurableTaskWorkerOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Uses a backend created from the service provider.</summary>
    public DurableTaskWorkerBuilder UseBackend(Func<IServiceProvider, IOrchestrationService> factory)
    {
        Services.AddSingleton(factory);
        return this;
    }
}

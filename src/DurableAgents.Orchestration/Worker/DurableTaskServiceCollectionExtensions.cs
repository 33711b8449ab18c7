using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Orchestration.Backends.InMemory;
using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of the durable task worker and client.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>Adds the hosted worker; call <c>AddTasks</c> and pick a backend on the returned builder.</summary>
    public static DurableTaskWorkerBuilder AddDurableTaskWorker(this IServiceCollection services, Action<DurableTaskWorkerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = GetOrAddRegistry(services);
        services.AddOptions<DurableTaskWorkerOptions>().Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DurableTaskWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        var builder = new DurableTaskWorkerBuilder(services, registry);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Adds a <see cref="DurableTaskClient"/> over the registered backend.</summary>
    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<IOrchestrationService>(),
            sp.GetService<IOptions<DurableTaskWorkerOptions>>()?.Value.DataConverter,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Uses the in-memory backend (tests; nothing survives the process).</summary>
    public static DurableTaskWorkerBuilder UseInMemoryBackend(this DurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBackend(sp => new InMemoryOrchestrationService(sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Uses the embedded file backend in <paramref name="dataPath"/>.</summary>
    public static DurableTaskWorkerBuilder UseFileBackend(this DurableTaskWorkerBuilder builder, string dataPath = ".durableagents")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBackend(sp => new FileOrchestrationService(new FileBackendOptions { DataPath = dataPath }, sp.GetRequiredService<TimeProvider>()));
    }

    private static DurableTaskRegistry GetOrAddRegistry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(DurableTaskRegistry))?.ImplementationInstance;
        if (existing is DurableTaskRegistry registry)
        {
            return registry;
        }

        registry = new DurableTaskRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}

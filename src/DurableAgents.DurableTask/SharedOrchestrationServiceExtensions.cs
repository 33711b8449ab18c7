using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableAgents.DurableTask;

/// <summary>
/// One provider object, worker and client side in one, shared by every worker and client of this process that names the
/// same key (for example one per database file, or one per storage account and task hub).
/// </summary>
public static class SharedOrchestrationServiceExtensions
{
    private const string KeyPrefix = "DurableAgents.DurableTask.SharedProvider:";

    /// <summary>Runs this worker on the provider shared under <paramref name="key"/>, created by the first registration of that key.</summary>
    /// <typeparam name="TService">The provider type; it implements both DTFx's service and client interfaces.</typeparam>
    /// <param name="builder">The worker builder.</param>
    /// <param name="key">Identifies the store (e.g. the full path of a database file); the same key gives the same instance.</param>
    /// <param name="factory">Creates the provider; called once per key. The DI container disposes what it created.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskWorkerBuilder UseSharedOrchestrationService<TService>(
        this IDurableTaskWorkerBuilder builder, string key, Func<IServiceProvider, TService> factory)
        where TService : class, IOrchestrationService, IOrchestrationServiceClient
    {
        ArgumentNullException.ThrowIfNull(builder);
        var serviceKey = Register(builder.Services, key, factory);
        return builder.UseOrchestrationService(sp => sp.GetRequiredKeyedService<TService>(serviceKey));
    }

    /// <summary>Points this client at the provider shared under <paramref name="key"/>, created by the first registration of that key.</summary>
    /// <typeparam name="TService">The provider type; it implements both DTFx's service and client interfaces.</typeparam>
    /// <param name="builder">The client builder.</param>
    /// <param name="key">Identifies the store; the same key gives the same instance as the worker's.</param>
    /// <param name="factory">Creates the provider; called once per key. The DI container disposes what it created.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskClientBuilder UseSharedOrchestrationService<TService>(
        this IDurableTaskClientBuilder builder, string key, Func<IServiceProvider, TService> factory)
        where TService : class, IOrchestrationService, IOrchestrationServiceClient
    {
        ArgumentNullException.ThrowIfNull(builder);
        var serviceKey = Register(builder.Services, key, factory);
        return builder.UseOrchestrationService(sp => sp.GetRequiredKeyedService<TService>(serviceKey));
    }

    /// <summary>The DI service key under which the provider shared as <paramref name="key"/> is registered.</summary>
    public static string ServiceKey(string key) => KeyPrefix + key;

    private static string Register<TService>(IServiceCollection services, string key, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(factory);
        var serviceKey = ServiceKey(key);
        // The first registration of a key wins, so the worker's and the client's calls resolve one object.
        services.TryAddKeyedSingleton(serviceKey, (sp, _) => factory(sp));
        return serviceKey;
    }
}

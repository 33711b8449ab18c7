using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>DI registration of the Azure Storage backend.</summary>
public static class AzureStorageWorkerBuilderExtensions
{
    /// <summary>
    /// Uses the Azure Storage backend. The service is also registered as <see cref="AzureStorageOrchestrationService"/>, so a
    /// custom handler can call its trigger entry points in <see cref="AzureStorageMode.Triggered"/> mode.
    /// </summary>
    public static DurableTaskWorkerBuilder UseAzureStorageBackend(this DurableTaskWorkerBuilder builder, Action<AzureStorageOrchestrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageOrchestrationOptions();
        configure(options);
        options.Validate();
        builder.Services.TryAddSingleton(sp => new AzureStorageOrchestrationService(
            options, sp.GetService<ILoggerFactory>(), sp.GetService<TimeProvider>()));
        return builder.UseBackend(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
    }

    /// <summary>Uses the Azure Storage backend on <paramref name="connectionString"/> and task hub <paramref name="taskHubName"/>.</summary>
    public static DurableTaskWorkerBuilder UseAzureStorageBackend(this DurableTaskWorkerBuilder builder, string connectionString, string taskHubName = "durableagents") =>
        builder.UseAzureStorageBackend(o =>
        {
            o.ConnectionString = connectionString;
            o.TaskHubName = taskHubName;
        });
}

using DurableAgents.DurableTask.AzureStorage;
using DurableAgents.DurableTask.Client;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask;

/// <summary>Runs the SDK worker and client on Durable Functions' Azure Storage provider.</summary>
public static class AzureStorageBuilderExtensions
{
    /// <summary>Runs this worker on Azure Storage; a client of this process with the same account and task hub shares the provider.</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="configure">Sets the connection (or account and credential), the task hub and any tuning to change.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageOptions();
        configure(options);
        return builder.UseAzureStorage(options);
    }

    /// <summary>Runs this worker on Azure Storage with <paramref name="options"/>.</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="options">The connection, the task hub and the tuning.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, AzureStorageOptions options)
    {
        var snapshot = options with { };
        AzureStorageSettingsFactory.Create(snapshot, loggerFactory: null); // fail at configuration time, not at host start
        return builder.UseSharedOrchestrationService(AzureStorageSettingsFactory.SharingKey(snapshot), sp => Create(snapshot, sp));
    }

    /// <summary>Runs this worker on Azure Storage with DTFx's own settings, unchanged (none of our defaults apply).</summary>
    /// <param name="builder">The worker builder.</param>
    /// <param name="settings">DTFx Azure Storage settings.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, AzureStorageOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return builder.UseSharedOrchestrationService(SettingsKey(settings), _ => new AzureStorageOrchestrationService(settings));
    }

    /// <summary>Points this client at Azure Storage; a worker of this process with the same account and task hub shares the provider.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the connection (or account and credential) and the task hub.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageOptions();
        configure(options);
        return builder.UseAzureStorage(options);
    }

    /// <summary>Points this client at Azure Storage with <paramref name="options"/>.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="options">The connection and the task hub.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, AzureStorageOptions options)
    {
        var snapshot = options with { };
        AzureStorageSettingsFactory.Create(snapshot, loggerFactory: null);
        builder.UseSharedOrchestrationService(AzureStorageSettingsFactory.SharingKey(snapshot), sp => Create(snapshot, sp));
        return PollForCompletion(builder);
    }

    /// <summary>Points this client at Azure Storage with DTFx's own settings, unchanged.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="settings">DTFx Azure Storage settings.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, AzureStorageOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        builder.UseSharedOrchestrationService(SettingsKey(settings), _ => new AzureStorageOrchestrationService(settings));
        return PollForCompletion(builder);
    }

    private static AzureStorageOrchestrationService Create(AzureStorageOptions options, IServiceProvider services) =>
        new(AzureStorageSettingsFactory.Create(options, services.GetService<ILoggerFactory>()));

    private static string SettingsKey(AzureStorageOrchestrationServiceSettings settings) =>
        $"azure-storage-settings:{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(settings)}:{settings.TaskHubName}";

    // The provider's own wait polls every 2 s; ours starts at 10 ms and backs off.
    private static IDurableTaskClientBuilder PollForCompletion(IDurableTaskClientBuilder builder)
    {
        builder.Services.AddOptions<ClientProviderOptions>(builder.Name).Configure(o => o.PollForCompletion = true);
        return builder;
    }
}

using System.Security.Cryptography;
using System.Text;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.AzureStorage;

/// <summary>Validates <see cref="AzureStorageOptions"/> and turns them into DTFx settings.</summary>
internal static class AzureStorageSettingsFactory
{
    public static AzureStorageOrchestrationServiceSettings Create(AzureStorageOptions options, ILoggerFactory? loggerFactory)
    {
        Validate(options);
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = options.ConnectionString is { } connection
                ? new StorageAccountClientProvider(connection)
                : new StorageAccountClientProvider(options.AccountName!, options.Credential!),
            TaskHubName = options.TaskHubName,
            WorkerId = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
            PartitionCount = options.PartitionCount,
            UseTablePartitionManagement = options.UseTablePartitionManagement,
            PartitionTableOperationTimeout = options.PartitionTableOperationTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            LeaseRenewInterval = options.LeaseInterval / 3,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            // Without it a start refused by DedupeStatuses returns silently instead of throwing OrchestrationAlreadyExistsException.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        };
    }

    /// <summary>Identifies the store, so a worker and a client of one process share one provider; secrets are hashed, never kept.</summary>
    public static string SharingKey(AzureStorageOptions options)
    {
        var account = options.ConnectionString ?? options.AccountName ?? "";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account)))[..16];
        return $"azure-storage:{hash}:{options.TaskHubName.ToUpperInvariant()}";
    }

    private static void Validate(AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byConnection = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var byIdentity = !string.IsNullOrWhiteSpace(options.AccountName) && options.Credential is not null;
        if (byConnection == byIdentity)
        {
            throw new ArgumentException(
                "Set either AzureStorageOptions.ConnectionString (for example 'UseDevelopmentStorage=true') or both AccountName and Credential.",
                nameof(options));
        }

        var hub = options.TaskHubName;
        if (string.IsNullOrEmpty(hub) || hub.Length is < 3 or > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"The task hub name '{hub}' is not valid: use 3-45 letters and digits, starting with a letter (e.g. 'DurableAgents').",
                nameof(options));
        }

        Positive(options.PartitionCount, nameof(options.PartitionCount), max: 16);
        Positive(options.MaxConcurrentOrchestrations, nameof(options.MaxConcurrentOrchestrations));
        Positive(options.MaxConcurrentActivities, nameof(options.MaxConcurrentActivities));
        if (options.LeaseAcquireInterval >= options.LeaseInterval)
        {
            throw new ArgumentException(
                $"LeaseAcquireInterval ({options.LeaseAcquireInterval}) must be shorter than LeaseInterval ({options.LeaseInterval}).", nameof(options));
        }
    }

    private static void Positive(int value, string name, int max = int.MaxValue)
    {
        if (value < 1 || value > max)
        {
            throw new ArgumentException($"AzureStorageOptions.{name} must be between 1 and {max}; it was {value}.", name);
        }
    }
}

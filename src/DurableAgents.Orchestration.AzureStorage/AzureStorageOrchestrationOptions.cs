using System.Text.RegularExpressions;
using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>How the backend takes work from its queues.</summary>
/// <remarks>
/// Use <see cref="Polling"/> wherever the process runs all the time: Azure Functions Premium (Elastic Premium) or Dedicated
/// (App Service) plans with always-on, containers, VMs, Kubernetes and local development.
/// Use <see cref="Triggered"/> on Functions plans that scale to zero (Consumption, Flex Consumption): there only a trigger
/// wakes the app, so a Functions <c>queueTrigger</c> on each control queue and on the work-item queue hands messages to
/// <see cref="AzureStorageOrchestrationService.ProcessControlMessageAsync"/> and
/// <see cref="AzureStorageOrchestrationService.ProcessWorkItemMessageAsync"/>.
/// </remarks>
public enum AzureStorageMode
{
    /// <summary>The host owns partitions through blob leases and polls its queues itself (the default).</summary>
    Polling,

    /// <summary>No leases and no pollers: messages are handed over one at a time by a queue trigger.</summary>
    Triggered,
}

/// <summary>Settings of the Azure Storage orchestration backend.</summary>
public sealed partial class AzureStorageOrchestrationOptions
{
    /// <summary>A storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite); ignored when <see cref="Connection"/> is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A ready connection, e.g. from <see cref="StorageConnection.FromTokenCredential"/> for managed identity.</summary>
    public StorageConnection? Connection { get; set; }

    /// <summary>Prefix of every queue and container: 3-45 lowercase letters and digits. Apps sharing an account use different hubs.</summary>
    public string TaskHubName { get; set; } = "durableagents";

    /// <summary>Number of control queues (partitions); instances are spread over them by a stable hash. Fixed for a task hub's life.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a partition lease lasts without renewal (15-60 s): a dead host's partitions move after at most this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often leases and the host heartbeat are renewed and partitions rebalanced; well under <see cref="LeaseDuration"/>.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>This host's name in heartbeats and lease metadata.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>The first wait after an empty poll; doubles up to <see cref="MaxPollingDelay"/>.</summary>
    public TimeSpan MinPollingDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between polls of an idle queue.</summary>
    public TimeSpan MaxPollingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a received message stays hidden before it must be renewed; a dead host's messages reappear after this.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest single visibility delay of a timer message; longer timers are re-enqueued in hops (at most 7 days).</summary>
    public TimeSpan MaxTimerHop { get; set; } = QueueClient.MaxVisibilityTimeout;

    /// <summary>Messages a partition keeps in memory at most; it stops fetching above this.</summary>
    public int MaxBufferedMessagesPerPartition { get; set; } = 1000;

    /// <summary>Serialized messages larger than this (UTF-8 bytes) are stored as blobs and the queue carries a reference.</summary>
    public int LargeMessageThresholdBytes { get; set; } = 45 * 1024;

    /// <summary>Polling (own leases and pollers) or Triggered (messages handed over by a queue trigger).</summary>
    public AzureStorageMode Mode { get; set; } = AzureStorageMode.Polling;

    /// <summary>Throws with a clear message when a setting is out of range.</summary>
    public void Validate()
    {
        if (Connection is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("Set ConnectionString (e.g. \"UseDevelopmentStorage=true\") or Connection on AzureStorageOrchestrationOptions.");
        }

        ValidateTaskHubName(TaskHubName);
        Require(PartitionCount is >= 1 and <= 16, nameof(PartitionCount), PartitionCount, "Set PartitionCount to 1..16.");
        Require(LeaseDuration >= TimeSpan.FromSeconds(15) && LeaseDuration <= TimeSpan.FromSeconds(60),
            nameof(LeaseDuration), LeaseDuration, "A blob lease lasts 15 to 60 seconds.");
        Require(LeaseRenewInterval > TimeSpan.Zero && LeaseRenewInterval * 2 < LeaseDuration,
            nameof(LeaseRenewInterval), LeaseRenewInterval, "Renew leases at least twice per LeaseDuration.");
        Require(!string.IsNullOrWhiteSpace(WorkerId), nameof(WorkerId), WorkerId, "Give the host a non-empty WorkerId.");
        Require(MinPollingDelay > TimeSpan.Zero && MaxPollingDelay >= MinPollingDelay,
            nameof(MinPollingDelay), MinPollingDelay, "Use 0 < MinPollingDelay <= MaxPollingDelay.");
        Require(MessageVisibilityTimeout >= TimeSpan.FromSeconds(3) && MessageVisibilityTimeout <= TimeSpan.FromHours(1),
            nameof(MessageVisibilityTimeout), MessageVisibilityTimeout, "Use a message visibility timeout of 3 s to 1 h.");
        Require(MaxTimerHop >= TimeSpan.FromSeconds(1) && MaxTimerHop <= QueueClient.MaxVisibilityTimeout,
            nameof(MaxTimerHop), MaxTimerHop, "A queue message can be hidden for 1 s to 7 days.");
        Require(MaxBufferedMessagesPerPartition >= 32, nameof(MaxBufferedMessagesPerPartition), MaxBufferedMessagesPerPartition, "Buffer at least 32 messages.");
        Require(LargeMessageThresholdBytes is >= 1024 and <= 45 * 1024, nameof(LargeMessageThresholdBytes), LargeMessageThresholdBytes,
            "Use 1 KiB to 45 KiB: base64 of the message must fit the 64 KiB queue limit.");
    }

    /// <summary>Throws when <paramref name="name"/> is not 3-45 lowercase letters and digits.</summary>
    public static void ValidateTaskHubName(string? name)
    {
        if (name is null || !HubName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Task hub name '{name}' is invalid: use 3 to 45 lowercase letters and digits, starting with a letter (it prefixes queue, container and table names).",
                nameof(TaskHubName));
        }
    }

    private static void Require(bool ok, string name, object? value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{2,44}$")]
    private static partial Regex HubName();
}

using Azure.Core;

namespace DurableAgents.DurableTask;

/// <summary>
/// How to run on Durable Functions' Azure Storage provider (DTFx <c>AzureStorageOrchestrationService</c>), with defaults
/// that held up under load on the (patched) emulator with three worker processes, one of them killed. docs/azure-storage.md
/// explains each choice.
/// </summary>
public sealed record AzureStorageOptions
{
    /// <summary>A storage connection string (e.g. <c>UseDevelopmentStorage=true</c> for Azurite); or set <see cref="AccountName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account to reach with <see cref="Credential"/> (managed identity in production).</summary>
    public string? AccountName { get; set; }

    /// <summary>The Azure.Core credential for <see cref="AccountName"/>, e.g. <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The task hub: its queues, tables and containers; the same name Durable Functions would use for the same data.</summary>
    /// <remarks>3-45 characters, letters and digits, starting with a letter (Azure's rules for the names derived from it).</remarks>
    public string TaskHubName { get; set; } = "DurableAgents";

    /// <summary>
    /// Identifies this process in partition leases. Default: machine name and process id, so several processes on one machine
    /// are several workers (DTFx's default, the machine name alone, makes them one) and a restarted host in the same process
    /// takes its own leases back at once.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>Control-queue partitions: the most orchestration workers that share load. 4 (DTFx's default).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Table-based partition management (DTFx's current default): faster to move a dead worker's partitions than blob leases.</summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>Timeout of a partition-table operation; 5 s (default 2 s) so a slow storage moment is not a lost lease.</summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a partition lease lasts without renewal; 15 s (default 30 s): a killed worker's partitions moved in 11-17 s.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a worker looks for partitions to take; 5 s (default 10 s).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a control-queue message stays hidden while a worker holds it; 60 s (default 5 min): a killed worker's episodes resume after that.</summary>
    /// <remarks>
    /// Keep it above the longest a live worker holds a message, a storage outage included (the timeout runs on while storage is
    /// down). 20 s failed the scale-out test: after a 13 s outage messages reappeared while still held and finished steps ran again.
    /// </remarks>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an activity message stays hidden while it runs; 60 s (default 5 min). DTFx renews it 30 s before it would expire while the activity runs.</summary>
    /// <remarks>A killed worker's activities run again elsewhere after this; as for the control queue, keep it above a storage outage.</remarks>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest wait between polls of an idle queue; 100 ms (default 30 s) for latency, at the price of more requests.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Extended sessions: a busy instance stays in memory between episodes instead of being replayed from history. On.</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>How long an idle session stays open; 5 s (default 30 s), since a partition cannot move while sessions are open.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Orchestration work items at once; 100, more than the instances idling in sessions. The SDK worker option caps it further.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activities at once; 100 (default 10), since agent activities mostly wait on I/O. The SDK worker option caps it further.</summary>
    public int MaxConcurrentActivities { get; set; } = 100;
}

using DurableAgents.Orchestration.AzureStorage.Messaging;

namespace DurableAgents.Orchestration.AzureStorage.Partitions;

/// <summary>The messages a partition holds for one instance, and whether a work item has the instance locked.</summary>
internal sealed class InstanceBuffer
{
    /// <summary>Messages not yet handed to a work item, in arrival order.</summary>
    public List<QueueMessageHandle> Pending { get; } = [];

    /// <summary>A work item for the instance is running; new messages wait for the next one.</summary>
    public bool Locked { get; set; }

    /// <summary>The instance is already in the ready channel.</summary>
    public bool Queued { get; set; }
}

/// <summary>An instance with messages, waiting for a worker slot.</summary>
/// <param name="Pump">The partition that holds the messages.</param>
/// <param name="InstanceId">The instance.</param>
internal readonly record struct ReadyInstance(PartitionPump Pump, string InstanceId);

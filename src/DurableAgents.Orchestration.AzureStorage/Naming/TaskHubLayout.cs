using System.Globalization;

namespace DurableAgents.Orchestration.AzureStorage.Naming;

/// <summary>The names of a task hub's queues, containers and table; every one starts with the hub name.</summary>
public sealed class TaskHubLayout
{
    /// <summary>Creates the layout for <paramref name="taskHub"/> with <paramref name="partitionCount"/> control queues.</summary>
    public TaskHubLayout(string taskHub, int partitionCount)
    {
        AzureStorageOrchestrationOptions.ValidateTaskHubName(taskHub);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        TaskHub = taskHub;
        PartitionCount = partitionCount;
    }

    /// <summary>The task hub name.</summary>
    public string TaskHub { get; }

    /// <summary>The number of partitions.</summary>
    public int PartitionCount { get; }

    /// <summary>The shared activity queue.</summary>
    public string WorkItemQueue => $"{TaskHub}-workitems";

    /// <summary>The container of history chunks and oversized instance states.</summary>
    public string InstancesContainer => $"{TaskHub}-instances";

    /// <summary>The table of instance state entities (table names allow no hyphen).</summary>
    public string InstancesTable => $"{TaskHub}instances";

    /// <summary>The container of partition lease blobs and host heartbeats.</summary>
    public string LeasesContainer => $"{TaskHub}-leases";

    /// <summary>The container of message bodies too large for a queue message.</summary>
    public string LargeMessagesContainer => $"{TaskHub}-largemessages";

    /// <summary>The control queue of <paramref name="partition"/>.</summary>
    public string ControlQueue(int partition) => $"{TaskHub}-control-{partition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every control queue.</summary>
    public IEnumerable<string> ControlQueues => Enumerable.Range(0, PartitionCount).Select(ControlQueue);

    /// <summary>The partition that owns <paramref name="instanceId"/>.</summary>
    public int PartitionOf(string instanceId) => PartitionHash.Partition(instanceId, PartitionCount);
}

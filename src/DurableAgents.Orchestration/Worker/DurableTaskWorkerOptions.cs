namespace DurableAgents.Orchestration.Worker;

/// <summary>Worker settings.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Orchestration episodes run at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Activities run at once.</summary>
    public int MaxConcurrentActivities { get; set; } = Math.Max(8, Environment.ProcessorCount * 8);

    /// <summary>Live orchestrators kept in memory between episodes (extended sessions); 0 turns the cache off.</summary>
    public int InstanceCacheSize { get; set; } = 2000;

    /// <summary>How long shutdown waits for running work before abandoning it.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Converts inputs and outputs.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>Throws with a clear message when a setting is out of range.</summary>
    public void Validate()
    {
        if (MaxConcurrentOrchestrations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentOrchestrations), MaxConcurrentOrchestrations, "Set MaxConcurrentOrchestrations to 1 or more.");
        }

        if (MaxConcurrentActivities < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentActivities), MaxConcurrentActivities, "Set MaxConcurrentActivities to 1 or more.");
        }

        if (InstanceCacheSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InstanceCacheSize), InstanceCacheSize, "Set InstanceCacheSize to 0 (off) or more.");
        }
    }
}

namespace DurableAgents.Orchestration.Backends.File;

/// <summary>Settings of the embedded file backend.</summary>
public sealed class FileBackendOptions
{
    /// <summary>The data folder; created if missing.</summary>
    public string DataPath { get; set; } = ".durableagents";

    /// <summary>The journal is compacted into a snapshot once it grows past this many bytes.</summary>
    public long CompactionThresholdBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Set false only for throwaway data: commits are then not fsynced and a power loss may lose them.</summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>Throws with a clear message when a setting is unusable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataPath))
        {
            throw new ArgumentException("Set FileBackendOptions.DataPath to a folder path, for example '.durableagents'.", nameof(DataPath));
        }

        if (CompactionThresholdBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactionThresholdBytes), CompactionThresholdBytes, "Use a compaction threshold of at least 1024 bytes.");
        }
    }
}

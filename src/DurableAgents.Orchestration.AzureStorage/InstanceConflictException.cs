namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>
/// An episode could not be stored because the instance's state entity changed since it was read (another host or a client wrote it):
/// nothing was committed, the messages stay, and the episode runs again on fresh state.
/// </summary>
public sealed class InstanceConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InstanceConflictException(string instanceId, Exception? innerException = null)
        : base($"The state of instance '{instanceId}' changed while an episode ran (ETag mismatch); the episode was not stored and will run again.", innerException)
    {
        InstanceId = instanceId;
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }
}

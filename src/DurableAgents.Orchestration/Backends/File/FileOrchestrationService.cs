using DurableAgents.Orchestration.Backends.Local;

namespace DurableAgents.Orchestration.Backends.File;

/// <summary>
/// The embedded default backend: one process, a data folder, and a journal with group commit, so nothing acknowledged is lost
/// on kill -9 or power loss. A second process on the same folder fails fast.
/// </summary>
public sealed class FileOrchestrationService : LocalOrchestrationService
{
    /// <summary>Creates the backend; the folder is opened (and recovered) on first use.</summary>
    public FileOrchestrationService(FileBackendOptions options, TimeProvider? timeProvider = null)
        : base(new FileJournal(Validated(options)), timeProvider)
    {
        DataPath = Path.GetFullPath(options.DataPath);
    }

    /// <summary>The data folder in use.</summary>
    public string DataPath { get; }

    private static FileBackendOptions Validated(FileBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}

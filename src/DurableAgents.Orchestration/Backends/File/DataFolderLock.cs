namespace DurableAgents.Orchestration.Backends.File;

/// <summary>Holds an exclusive OS lock on the data folder so that a second process fails fast instead of corrupting it.</summary>
internal sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _lock;

    private DataFolderLock(FileStream lockFile) => _lock = lockFile;

    public static DataFolderLock Acquire(string folder)
    {
        var lockPath = Path.Combine(folder, "LOCK");
        var ownerPath = Path.Combine(folder, "owner.pid");
        try
        {
            // FileShare.None takes an exclusive flock on Unix; the OS drops it when the process dies, even on kill -9.
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            System.IO.File.WriteAllText(ownerPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new DataFolderLock(stream);
        }
        catch (IOException ex)
        {
            var owner = TryRead(ownerPath);
            throw new InvalidOperationException(
                $"The data folder '{folder}' is in use by another process{(owner is null ? "" : $" (pid {owner})")}. "
                + "Only one process may use a file backend folder at a time: stop the other process, or give this one another "
                + "folder (DurableAgents:DataPath). For many processes, use the Azure Storage backend.", ex);
        }
    }

    public void Dispose() => _lock.Dispose();

    private static string? TryRead(string path)
    {
        try
        {
            return System.IO.File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}

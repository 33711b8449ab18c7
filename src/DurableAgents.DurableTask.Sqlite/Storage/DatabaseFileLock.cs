namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>An exclusive OS lock on <c>{db}.lock</c>, held while a service owns the database file.</summary>
/// <remarks>.NET takes an advisory lock (flock) for <see cref="FileShare.None"/> on Unix and a share lock on
/// Windows, so a second opener in any process fails at once; the OS drops the lock when the process dies, so a
/// SIGKILLed owner never leaves a stale lock behind.</remarks>
internal sealed class DatabaseFileLock : IDisposable
{
    readonly FileStream stream;

    DatabaseFileLock(FileStream stream) => this.stream = stream;

    public static DatabaseFileLock Acquire(string databasePath)
    {
        string lockPath = databasePath + ".lock";
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stream.Write(pid);
            stream.Flush();
            return new DatabaseFileLock(stream);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new SqliteTaskHubFileException(
                databasePath,
                $"The task hub database '{databasePath}' is in use by another process or service (its lock file '{lockPath}', which holds the owner's process id, is locked). " +
                "Only one process may own a SQLite task hub: stop the other one, or give this one its own DatabasePath.",
                e);
        }
    }

    public void Dispose() => stream.Dispose();
}

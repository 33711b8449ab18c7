namespace DurableAgents.AgentTestWorker;

/// <summary>Append-only log files the test reads after killing the process (each line flushed before the call returns).</summary>
public sealed class SideEffectLog(string folder)
{
    private static readonly Lock Gate = new();

    public string Folder { get; } = folder;

    public void Append(string file, string line)
    {
        lock (Gate)
        {
            using var stream = new FileStream(Path.Combine(Folder, file), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(line);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }

    public bool Released => File.Exists(Path.Combine(Folder, "release"));
}

namespace DurableAgents.Host.Hosting;

/// <summary>A data folder for one demo or eval, under the temp folder, removed when it ends.</summary>
/// <param name="prefix">The folder name's start (durableagents-demo, durableagents-eval).</param>
internal sealed class TemporaryDataFolder(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS eventually.
        }
    }
}

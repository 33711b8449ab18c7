namespace DurableAgents.Host.Demo;

/// <summary>A data folder for one demo, under the temp folder, removed when the demo ends.</summary>
internal sealed class DemoDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "durableagents-demo-" + Guid.NewGuid().ToString("N")[..12]);

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

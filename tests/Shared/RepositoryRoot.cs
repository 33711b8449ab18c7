namespace DurableAgents.Testing;

/// <summary>The repository's root folder (the one holding DurableAgents.sln), found from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DurableAgents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No DurableAgents.sln above {AppContext.BaseDirectory}.");
    }
}

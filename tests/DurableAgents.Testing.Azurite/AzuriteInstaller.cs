using System.Diagnostics;

namespace DurableAgents.Testing.Azurite;

/// <summary>
/// Finds the pinned Azurite under tests/azurite, runs <c>npm ci</c> there once if it is missing, and applies
/// <c>patch-azurite.js</c> (batched GC deletes; see tests/azurite/README.md) once per install.
/// </summary>
internal static class AzuriteInstaller
{
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(10);

    /// <summary>Returns the path of <c>tests/azurite/node_modules/.bin/azurite</c>, installing it first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(FindRepositoryRoot(), "tests", "azurite");
        var executable = Path.Combine(folder, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        var patchedStamp = Path.Combine(folder, "node_modules", ".durableagents-patched");
        if (File.Exists(executable) && File.Exists(patchedStamp))
        {
            return executable;
        }

        // Parallel test processes share one install: the first takes the lock, the others wait and re-check.
        var lockPath = Path.Combine(Path.GetTempPath(), "durableagents-azurite-npm.lock");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(InstallDeadline);
        await using var fileLock = await AcquireLockAsync(lockPath, deadline.Token);
        if (!File.Exists(executable))
        {
            await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], folder, deadline.Token);
        }

        if (!File.Exists(patchedStamp))
        {
            // Checks each file's hash before and after, and fails loudly on an Azurite version it does not know.
            await RunAsync("node", ["patch-azurite.js"], folder, deadline.Token);
            await File.WriteAllTextAsync(patchedStamp, "patch-azurite.js applied\n", deadline.Token);
        }

        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"'npm ci' in {folder} finished but {executable} does not exist.");
    }

    /// <summary>Walks up from the test binaries to the folder holding DurableAgents.sln.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DurableAgents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No DurableAgents.sln above {AppContext.BaseDirectory}; cannot find tests/azurite. " +
            $"Set {AzuriteInstance.ConnectionEnvVar} to use a running Azurite instead.");
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process is installing; poll until it releases the lock or the deadline passes.
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task RunAsync(string command, string[] arguments, string folder, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command}; is Node.js installed?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {string.Join(' ', arguments)}' in {folder} failed with exit code {process.ExitCode}:\n" +
                await stdout + "\n" + await stderr);
        }
    }
}

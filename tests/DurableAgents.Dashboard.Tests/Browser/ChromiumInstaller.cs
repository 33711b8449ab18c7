using System.Diagnostics;
using DurableAgents.Testing;

namespace DurableAgents.Dashboard.Tests.Browser;

/// <summary>
/// Finds the Chromium the browser tests drive: <c>DURABLEAGENTS_CHROMIUM</c> when set, else Debian's <c>/usr/bin/chromium</c>,
/// installed by <c>install-chromium.sh</c> (apt, under a cross-process lock) when it is missing. Playwright cannot download its
/// own browser build on these machines.
/// </summary>
internal static class ChromiumInstaller
{
    public const string DebianPath = "/usr/bin/chromium";
    public const string OverrideVariable = "DURABLEAGENTS_CHROMIUM";
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(15);

    /// <summary>The browser's path, installing it first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } custom)
        {
            return File.Exists(custom) ? custom : throw new InvalidOperationException($"{OverrideVariable} is '{custom}', which does not exist.");
        }

        if (File.Exists(DebianPath))
        {
            return DebianPath;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException($"The browser tests need Chromium: install it and set {OverrideVariable} to its executable.");
        }

        var script = Path.Combine(RepositoryRoot.Find(), "tests", "DurableAgents.Dashboard.Tests", "Browser", "install-chromium.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash to install Chromium.");
        using var deadline = new CancellationTokenSource(InstallDeadline);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Installing Chromium with {script} took more than {InstallDeadline.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0 || !File.Exists(DebianPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {DebianPath}, and {script} could not install it (exit code {process.ExitCode}):\n"
                + await stderr + "\n" + await stdout + $"\nInstall it by hand (apt-get install chromium), or set {OverrideVariable} to a Chromium executable.");
        }

        return DebianPath;
    }
}

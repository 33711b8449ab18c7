using System.Diagnostics;
using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Host.Cli;
using DurableAgents.Samples;
using DurableAgents.Testing;

namespace DurableAgents.Dashboard.Tests.Cli;

/// <summary>The CLI as users start it: the host binary with a verb, the host's address and key from the environment.</summary>
[Collection(CliCollection.Name)]
public sealed class CliProcessTests(CliHostFixture fixture)
{
    [Fact]
    public async Task TheHostBinary_WithRunsList_PrintsTheRuns_AndStartsNoHost()
    {
        var id = await fixture.Host.Http.StartRunAsync(SampleAgents.Background, "What is 3 * 3?", "cli-process-" + Guid.NewGuid().ToString("N")[..8]);
        await fixture.Host.Http.WaitForRunAsync(id, r => r.Status() == "Completed", "completed");
        using var workingDirectory = new TempFolder("da-cli");

        var (code, output) = await RunHostAsync(workingDirectory.Path, new() { [HostConnection.UrlVariable] = fixture.Host.Url, [HostConnection.KeyVariable] = DashboardHost.Key },
            "runs", "list", "--prefix", "cli-process-");

        Assert.True(code == 0, output);
        Assert.Contains(id, output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory.Path)); // no data folder: the verb did not start a host
    }

    private static async Task<(int Code, string Output)> RunHostAsync(string workingDirectory, Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DurableAgents.Host.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(TestDeadline.Token(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

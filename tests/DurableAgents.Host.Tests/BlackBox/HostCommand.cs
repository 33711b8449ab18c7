using System.Diagnostics;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.BlackBox;

/// <summary>Runs the real host binary to its end (a refusal, or the demo) and gives its exit code and output.</summary>
public static class HostCommand
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        var info = HostProcess.ChildStartInfo(workingDirectory, args);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(TestDeadline.Token());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

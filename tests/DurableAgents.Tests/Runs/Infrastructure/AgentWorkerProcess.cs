using System.Diagnostics;
using DurableAgents.Testing;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>The agent test worker as a separate process, driven over stdin/stdout, killable with SIGKILL.</summary>
internal sealed class AgentWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AgentWorkerProcess(Process process) => _process = process;

    public static async Task<AgentWorkerProcess> StartAsync(string dataPath, string logPath, params string[] extraArgs)
    {
        var config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "DurableAgents.AgentTestWorker", "bin", config, "net10.0", "DurableAgents.AgentTestWorker.dll"));
        Assert.True(File.Exists(dll), $"The agent test worker is not built at {dll}.");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Children are SIGKILLed on purpose: without the diagnostics IPC they leave no sockets behind in /tmp.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var arg in new[] { dll, "--data", dataPath, "--log", logPath }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the agent test worker.");
        _ = process.StandardError.ReadToEndAsync(); // drain so the child never blocks on a full pipe
        var worker = new AgentWorkerProcess(process);
        var ready = await process.StandardOutput.ReadLineAsync(TestDeadline.Token());
        Assert.Equal("READY", ready);
        return worker;
    }

    public async Task<string> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await _process.StandardOutput.ReadLineAsync(TestDeadline.Token()) ?? throw new InvalidOperationException("The worker closed its output.");
    }

    /// <summary>The completed activities in a <c>STATUS phase runtime-status completed</c> reply (0 when it has no count).</summary>
    public static int CompletedTasks(string status)
    {
        var parts = status.Split(' ');
        return parts.Length == 4 && int.TryParse(parts[3], out var n) ? n : 0;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(TestDeadline.Token());
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}

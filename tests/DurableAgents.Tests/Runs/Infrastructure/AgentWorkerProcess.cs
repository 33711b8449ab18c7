using DurableAgents.Testing;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>The agent test worker as a separate process, driven over stdin/stdout, killable with SIGKILL.</summary>
internal sealed class AgentWorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AgentWorkerProcess(ChildProcess process) => _process = process;

    public static async Task<AgentWorkerProcess> StartAsync(string dataPath, string logPath, params string[] extraArgs)
    {
        var config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "DurableAgents.AgentTestWorker", "bin", config, "net10.0", "DurableAgents.AgentTestWorker.dll"));
        Assert.True(File.Exists(dll), $"The agent test worker is not built at {dll}.");
        // stderr is collected (the child never blocks on a full pipe); stdout carries the replies.
        var worker = new AgentWorkerProcess(ChildProcess.Start(ChildProcess.StartInfo(dll, ["--data", dataPath, "--log", logPath, .. extraArgs]), collectStdout: false));
        var ready = await worker._process.Process.StandardOutput.ReadLineAsync(TestDeadline.Token());
        Assert.Equal("READY", ready);
        return worker;
    }

    public async Task<string> SendAsync(string command)
    {
        var process = _process.Process;
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        return await process.StandardOutput.ReadLineAsync(TestDeadline.Token()) ?? throw new InvalidOperationException("The worker closed its output.");
    }

    /// <summary>The completed activities in a <c>STATUS phase runtime-status completed</c> reply (0 when it has no count).</summary>
    public static int CompletedTasks(string status)
    {
        var parts = status.Split(' ');
        return parts.Length == 4 && int.TryParse(parts[3], out var n) ? n : 0;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>A DurableAgents.ScaleOutWorker host process, killable with SIGKILL; killed on dispose.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    /// <summary>The id it holds partition leases under.</summary>
    public string WorkerId { get; }

    /// <summary>The OS process id (it names the process's side-effect and fault logs).</summary>
    public int ProcessId => _process.Process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stderr.</summary>
    public string Errors => _process.Output;

    /// <summary>Starts a worker on <paramref name="taskHub"/> and waits for its READY line.</summary>
    public static async Task<WorkerProcess> StartAsync(string connectionString, string taskHub, string workerId, string logFolder)
    {
        var info = ChildProcess.StartInfo(LocateWorker(), ["--taskhub", taskHub, "--worker-id", workerId, "--logs", logFolder]);
        // Off the command line, where other users of the machine could read it.
        info.Environment["AzureWebJobsStorage"] = connectionString;
        var worker = new WorkerProcess(ChildProcess.Start(info, collectStdout: false), workerId);
        try
        {
            var ready = await worker._process.Process.StandardOutput.ReadLineAsync(TestDeadline.Token(120));
            return ready == $"READY {workerId} {worker.ProcessId}"
                ? worker
                : throw new InvalidOperationException($"Worker {workerId} said '{ready}' instead of READY. Errors:\n{worker.Errors}");
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs; its leases and the messages it had dequeued stay until they expire.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    // Built through a ProjectReference without its assembly: bin/<Configuration>/<framework> of its own project.
    private static string LocateWorker()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.GetFullPath(Path.Combine(
            framework.FullName, "..", "..", "..", "..", "DurableAgents.ScaleOutWorker", "bin", framework.Parent!.Name, framework.Name, "DurableAgents.ScaleOutWorker.dll"));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build tests/DurableAgents.ScaleOutWorker first; expected {path}.", path);
    }
}

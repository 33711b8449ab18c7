using System.Diagnostics;
using System.Text;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>A DurableAgents.ScaleOutWorker host process, driven over stdin/stdout, killable with SIGKILL; killed on dispose.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private WorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    /// <summary>The id it holds partition leases under.</summary>
    public string WorkerId { get; }

    /// <summary>The OS process id (it names the process's side-effect and fault logs).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stderr.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts a worker on <paramref name="taskHub"/> and waits for its READY line.</summary>
    public static async Task<WorkerProcess> StartAsync(string connectionString, string taskHub, string workerId, string logFolder)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Children are SIGKILLed on purpose: without the diagnostics IPC they leave no sockets behind in /tmp.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        // Off the command line, where other users of the machine could read it.
        info.Environment["AzureWebJobsStorage"] = connectionString;
        foreach (var arg in new[] { LocateWorker(), "--taskhub", taskHub, "--worker-id", workerId, "--logs", logFolder })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the scale-out worker.");
        var worker = new WorkerProcess(process, workerId);
        process.ErrorDataReceived += (_, e) => worker.AppendError(e.Data);
        process.BeginErrorReadLine();
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync(TestDeadline.Token(120));
            return ready == $"READY {workerId} {process.Id}"
                ? worker
                : throw new InvalidOperationException($"Worker {workerId} said '{ready}' instead of READY. Errors:\n{worker.Errors}");
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command and returns its reply line.</summary>
    public async Task<string> SendAsync(string command, int seconds = 120)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await _process.StandardOutput.ReadLineAsync(TestDeadline.Token(seconds))
            ?? throw new InvalidOperationException($"Worker {WorkerId} closed its output. Errors:\n{Errors}");
    }

    /// <summary>SIGKILL: no shutdown code runs, its leases and hidden messages stay until they expire.</summary>
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

    private void AppendError(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.AppendLine(line);
            }
        }
    }

    // Built through a ProjectReference without its assembly: bin/<Configuration>/<framework> of its own project.
    private static string LocateWorker()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.GetFullPath(Path.Combine(
            framework.FullName, "..", "..", "..", "..", "DurableAgents.ScaleOutWorker", "bin", framework.Parent!.Name, framework.Name, "DurableAgents.ScaleOutWorker.dll"));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build tests/DurableAgents.ScaleOutWorker first; expected {path}.", path);
    }
}

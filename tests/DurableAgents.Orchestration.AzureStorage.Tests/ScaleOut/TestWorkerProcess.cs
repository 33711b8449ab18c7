using System.Diagnostics;

namespace DurableAgents.Orchestration.AzureStorage.Tests.ScaleOut;

/// <summary>A DurableAgents.TestWorker host process on the Azure Storage backend; killed on dispose if still running.</summary>
public sealed class TestWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _output = new();

    private TestWorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    /// <summary>The worker id it uses in leases.</summary>
    public string WorkerId { get; }

    /// <summary>The OS process id (names its side-effect file).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts a worker and waits until it reports READY.</summary>
    public static async Task<TestWorkerProcess> StartAsync(string connectionString, string taskHub, string workerId, string sideEffectsPath)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Children are SIGKILLed on purpose: without the diagnostics IPC they leave no sockets behind in /tmp.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var arg in new[]
        {
            LocateWorker(), "--backend", "azure", "--connection", connectionString, "--taskhub", taskHub, "--worker-id", workerId,
            "--side-effects", sideEffectsPath, "--step-delay-ms", "20", "--lease-seconds", "15", "--visibility-seconds", "10",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var worker = new TestWorkerProcess(process, workerId);
        process.OutputDataReceived += (_, e) => worker.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => worker.OnOutput(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(worker._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != worker._ready.Task)
        {
            await worker.DisposeAsync();
            throw new InvalidOperationException($"Test worker {workerId} did not become ready. Output:\n{worker.Output}");
        }

        return worker;
    }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills the process tree at once, like SIGKILL.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Trim() == "READY")
        {
            _ready.TrySetResult();
        }
    }

    // The worker is built through a ProjectReference (ReferenceOutputAssembly=false) into its own bin folder, same configuration.
    private static string LocateWorker()
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var tests = baseDir.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "DurableAgents.TestWorker", "bin", configuration, framework, "DurableAgents.TestWorker.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build tests/DurableAgents.TestWorker first; expected it at {path}.", path);
    }
}

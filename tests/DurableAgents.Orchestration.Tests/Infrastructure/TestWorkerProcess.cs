using System.Collections.Concurrent;
using System.Diagnostics;

namespace DurableAgents.Orchestration.Tests.Infrastructure;

/// <summary>A real DurableAgents.TestWorker child process, for crash tests: start it, read its lines, SIGKILL it.</summary>
public sealed class TestWorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private TestWorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public string ErrorText => string.Join('\n', _errors);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static TestWorkerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Children are SIGKILLed on purpose: without the diagnostics IPC they leave no sockets behind in /tmp.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.ArgumentList.Add(LocateWorker());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new TestWorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker."));
    }

    public Task WaitForLineAsync(Func<string, bool> predicate, string what, int seconds = 60) =>
        Testing.TestDeadline.WaitUntilAsync(
            () =>
            {
                if (_lines.Any(predicate))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    _process.WaitForExit(); // drains the output readers
                    if (_lines.Any(predicate))
                    {
                        return true;
                    }

                    throw new InvalidOperationException($"The test worker exited ({_process.ExitCode}) before {what}. stderr: {ErrorText}");
                }

                return false;
            },
            what,
            seconds);

    /// <summary>Waits for the process to exit and for its output to be read to the end.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string LocateWorker()
    {
        // tests/X.Tests/bin/<Configuration>/net10.0/ -> tests/DurableAgents.TestWorker/bin/<Configuration>/net10.0/
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var testsDir = baseDir.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(testsDir, "DurableAgents.TestWorker", "bin", configuration, framework, "DurableAgents.TestWorker.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The test worker is not built at {path}; build the solution first.", path);
    }
}

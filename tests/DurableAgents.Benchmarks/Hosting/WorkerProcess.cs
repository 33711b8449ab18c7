using System.Diagnostics;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>
/// A worker host in a child process of the benchmark (the benchmark executable started in worker mode), on the same Azure Storage
/// task hub: with <c>--workers W</c>, W-1 of the W workers are real processes, each with its own worker id, partition leases,
/// pollers, thread pool and JIT, as in production.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The first argument that starts the benchmark executable as a worker process.</summary>
    public const string ModeArgument = "--worker-process";

    /// <summary>The variable that carries the connection string (kept off the command line, where other users could read it).</summary>
    public const string ConnectionVariable = "DURABLEAGENTS_BENCH_CONNECTION";

    /// <summary>What the child prints once its host has started.</summary>
    public const string ReadyLine = "worker-ready";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors = new();

    private WorkerProcess(Process process) => _process = process;

    /// <summary>Starts worker <paramref name="index"/> on <paramref name="taskHub"/> and waits until its host runs.</summary>
    public static async Task<WorkerProcess> StartAsync(string connection, string taskHub, int index, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet")
        {
            info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        info.ArgumentList.Add(ModeArgument);
        info.ArgumentList.Add(taskHub);
        info.ArgumentList.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment[ConnectionVariable] = connection;
        var process = Process.Start(info) ?? throw new InvalidOperationException("The worker process could not be started.");
        var worker = new WorkerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (worker._errors)
            {
                worker._errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == ReadyLine)
                {
                    _ = worker.DrainOutputAsync();
                    return worker;
                }
            }

            throw new InvalidOperationException($"The worker process exited before it was ready: {worker.Errors()}");
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU time the process has used so far (10 ms resolution on Linux).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>Closes the child's stdin (its signal to stop gracefully) and kills it if it does not exit in time.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    // Reads to the end, so the child never blocks on a full pipe.
    private async Task DrainOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is not null)
        {
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString().Trim();
        }
    }
}

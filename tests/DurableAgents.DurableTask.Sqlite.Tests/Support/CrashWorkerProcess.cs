using System.Diagnostics;
using System.Text;

namespace DurableAgents.DurableTask.Sqlite.Tests.Support;

/// <summary>The crash worker (tests/DurableAgents.DurableTask.Sqlite.CrashWorker) as a child process that tests SIGKILL.</summary>
public sealed class CrashWorkerProcess : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    CrashWorkerProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Locate());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("The crash worker did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) { return output.ToString(); } } }

    public bool HasExited => process.HasExited;

    public static CrashWorkerProcess Start(params string[] args) => new(args);

    public static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] args)
    {
        using var worker = Start(args);
        await worker.process.WaitForExitAsync(DurableAgents.Testing.TestDeadline.Token(60));
        worker.process.WaitForExit();
        return (worker.process.ExitCode, worker.Output.Trim());
    }

    public Task WaitForExitAsync() => process.WaitForExitAsync(DurableAgents.Testing.TestDeadline.Token(120));

    /// <summary>SIGKILL: the process gets no chance to flush or clean up.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    static string Locate()
    {
        // tests/X.Tests/bin/<Configuration>/<framework>/ -> tests/DurableAgents.DurableTask.Sqlite.CrashWorker/bin/<Configuration>/<framework>/
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string testsDir = baseDir.Parent!.Parent!.Parent!.Parent!.FullName;
        string path = Path.Combine(testsDir, "DurableAgents.DurableTask.Sqlite.CrashWorker", "bin", baseDir.Parent.Name, baseDir.Name, "DurableAgents.DurableTask.Sqlite.CrashWorker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The crash worker is not built at {path}; build the test project first.", path);
    }
}

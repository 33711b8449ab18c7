using System.Diagnostics;
using System.Text;

namespace DurableAgents.Testing;

/// <summary>
/// A <c>dotnet X.dll</c> child of a test, meant to be SIGKILLed: its stderr (and, unless the test reads it, stdout) is
/// collected for failure messages, and dispose kills it if it still runs.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public bool HasExited => Process.HasExited;

    /// <summary>What the child printed on the streams collected.</summary>
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

    /// <summary>How to start <paramref name="dll"/> with <paramref name="args"/>: every stream redirected, no diagnostics IPC.</summary>
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args)
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
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Starts the child; <paramref name="collectStdout"/> false leaves stdout to the caller (a command/reply protocol).</summary>
    public static ChildProcess Start(ProcessStartInfo info, bool collectStdout)
    {
        var child = new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {string.Join(' ', info.ArgumentList)}."));
        child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.Process.BeginErrorReadLine();
        if (collectStdout)
        {
            child.Process.OutputDataReceived += (_, e) => child.Append(e.Data);
            child.Process.BeginOutputReadLine();
        }

        return child;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync(TestDeadline.Token());
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

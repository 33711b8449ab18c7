using System.Globalization;
using System.Text;

namespace DurableAgents.ScaleOutWorker.Logs;

/// <summary>
/// The completed activity invocations of this process, one line each (<c>key TAB utc-ticks</c>) in <c>effects.{pid}.log</c>:
/// the test reads every process's file to see which step ran where and how often.
/// </summary>
public sealed class SideEffectLog
{
    /// <summary>The file name prefix; the process id and <c>.log</c> follow.</summary>
    public const string FilePrefix = "effects.";

    // One file per process: appends from several processes to one file could interleave. FileMode.Append seeks to the end
    // when opened, so appenders inside the process take turns.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;

    public SideEffectLog(string folder) => _path = Path.Combine(folder, $"{FilePrefix}{Environment.ProcessId}.log");

    /// <summary>Appends <paramref name="key"/>; once this returns, a SIGKILL of the process no longer loses the line.</summary>
    public async Task AppendAsync(string key)
    {
        var line = Encoding.UTF8.GetBytes($"{key}\t{DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)}\n");
        await _gate.WaitAsync();
        try
        {
            await using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            // The OS keeps written bytes when the process is killed; only a power loss would need an fsync here.
            await stream.WriteAsync(line);
        }
        finally
        {
            _gate.Release();
        }
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DurableAgents.ScaleOutWorker.Logs;

/// <summary>
/// Writes every warning and error (DTFx's storage retries, abandoned messages, failed episodes) to <c>faults.{pid}.log</c>,
/// one line each (<c>utc-ticks TAB level TAB category TAB event TAB message and exception</c>), so the test can tell which
/// instances a fault touched and show what went wrong when it fails.
/// </summary>
public sealed class FaultLogProvider : ILoggerProvider
{
    /// <summary>The file name prefix; the process id and <c>.log</c> follow.</summary>
    public const string FilePrefix = "faults.";

    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;

    public FaultLogProvider(string folder)
    {
        var stream = new FileStream(Path.Combine(folder, $"{FilePrefix}{Environment.ProcessId}.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => new FaultLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var text = exception is null ? message : $"{message} {exception}";
        var line = string.Join('\t',
            DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture), level, category, eventId.Name ?? eventId.Id.ToString(CultureInfo.InvariantCulture),
            text.ReplaceLineEndings(" | ").Replace('\t', ' '));
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class FaultLogger(FaultLogProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DurableAgents.ScaleOutWorker.Logs;

/// <summary>
/// Writes every warning and error (DTFx's storage retries, abandoned messages, failed episodes, split brains) and every
/// partition-manager event (leases taken, stolen, drained, released) to <c>events.{pid}.log</c>, one line each
/// (<c>utc-ticks TAB level TAB category TAB event TAB message and exception</c>), so the test can tell which instances a fault
/// touched, when partitions changed hands, and show what went wrong when it fails.
/// </summary>
public sealed class EventLogProvider : ILoggerProvider
{
    /// <summary>The file name prefix; the process id and <c>.log</c> follow.</summary>
    public const string FilePrefix = "events.";

    /// <summary>The logging category whose information events this provider must see (set its minimum level to Information).</summary>
    public const string PartitionCategory = "DurableTask.AzureStorage";

    // DTFx's table partition manager logs lease changes at Information under these event names.
    private static readonly HashSet<string> PartitionEvents = new(StringComparer.Ordinal) { "PartitionManagerInfo" };

    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private bool _disposed;

    public EventLogProvider(string folder)
    {
        var stream = new FileStream(Path.Combine(folder, $"{FilePrefix}{Environment.ProcessId}.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => new EventLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
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
            // The host may still log while it shuts down, after the logging factory disposed its providers.
            if (!_disposed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    private sealed class EventLogger(EventLogProvider owner, string category) : ILogger
    {
        private readonly bool _partitions = category == PartitionCategory;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || (_partitions && logLevel == LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Checked before formatting: DTFx logs every message it moves at Information.
            if (logLevel >= LogLevel.Warning || (_partitions && eventId.Name is { } name && PartitionEvents.Contains(name)))
            {
                owner.Write(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}

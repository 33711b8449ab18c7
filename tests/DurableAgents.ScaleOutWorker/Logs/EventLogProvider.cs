using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DurableAgents.ScaleOutWorker.Logs;

/// <summary>
/// Writes every warning and error (DTFx's storage retries, abandoned messages, failed episodes, split brains), every
/// partition-manager event (leases taken, stolen, drained, released), every activity message sent, received and deleted, and
/// every history commit to <c>events.{pid}.log</c>, one line each
/// (<c>utc-ticks TAB level TAB category TAB event TAB message and exception TAB DTFx's fields as name=value</c>), so the test
/// can trace each activity run to the queue message that caused it and tell whether the episode that sent it was stored.
/// </summary>
public sealed class EventLogProvider : ILoggerProvider
{
    /// <summary>The file name prefix; the process id and <c>.log</c> follow.</summary>
    public const string FilePrefix = "events.";

    /// <summary>The logging category whose information events this provider must see (set its minimum level to Information).</summary>
    public const string AzureStorageCategory = "DurableTask.AzureStorage";

    // DTFx's Information events the test needs: lease changes, activity messages (filtered to TaskScheduled below), commits.
    private static readonly HashSet<string> InformationEvents = new(StringComparer.Ordinal)
    {
        "PartitionManagerInfo", "SendingMessage", "ReceivedMessage", "DeletingMessage", "AppendedInstanceHistory",
    };

    // The structured fields of DTFx's log events (its StructuredLogEvent is a dictionary of them) that the test reads.
    private static readonly string[] Fields = ["InstanceId", "EventType", "TaskEventId", "MessageId", "DequeueCount", "Age", "Episode", "PartitionId"];

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

    private static string FieldsOf(IReadOnlyDictionary<string, object?>? state) =>
        state is null ? "" : string.Join(' ', Fields
            .Where(state.ContainsKey)
            .Select(name => $"{name}={Convert.ToString(state[name], CultureInfo.InvariantCulture)?.Replace(' ', '_').Replace('\t', '_').ReplaceLineEndings("_")}"));

    private void Write(LogLevel level, string category, EventId eventId, string message, Exception? exception, IReadOnlyDictionary<string, object?>? state)
    {
        var text = exception is null ? message : $"{message} {exception}";
        var line = string.Join('\t',
            DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture), level, category, eventId.Name ?? eventId.Id.ToString(CultureInfo.InvariantCulture),
            text.ReplaceLineEndings(" | ").Replace('\t', ' '), FieldsOf(state));
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
        private readonly bool _azureStorage = category == AzureStorageCategory;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || (_azureStorage && logLevel == LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = _azureStorage ? state as IReadOnlyDictionary<string, object?> : null;
            // Checked before formatting: DTFx logs every message it moves at Information; only activity messages are kept.
            if (logLevel >= LogLevel.Warning || (_azureStorage && eventId.Name is { } name && InformationEvents.Contains(name) && IsKept(name, fields)))
            {
                owner.Write(logLevel, category, eventId, formatter(state, exception), exception, fields);
            }
        }

        private static bool IsKept(string name, IReadOnlyDictionary<string, object?>? fields) =>
            name is not ("SendingMessage" or "ReceivedMessage" or "DeletingMessage")
            || (fields is not null && fields.TryGetValue("EventType", out var type) && type as string == "TaskScheduled");
    }
}

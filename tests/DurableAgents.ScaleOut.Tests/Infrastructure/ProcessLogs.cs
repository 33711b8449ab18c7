using System.Globalization;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>One completed activity invocation, from a worker's side-effect log.</summary>
/// <param name="Key">The step's idempotency key (instance/step).</param>
/// <param name="ProcessId">The worker process that ran it.</param>
/// <param name="At">When it completed (UTC).</param>
public sealed record Execution(string Key, int ProcessId, DateTime At)
{
    public string InstanceId => Key[..Key.LastIndexOf('/')];

    /// <summary>The step number; the orchestrator schedules step k as its k-th task, so it is also DTFx's task event id.</summary>
    public int Step => int.Parse(Key[(Key.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
}

/// <summary>
/// One event a worker logged: a warning or error (DTFx retries, abandoned messages, failed episodes), a lease change, an
/// activity message sent, received or deleted, or a history commit; <paramref name="Fields"/> are DTFx's structured fields.
/// </summary>
public sealed record WorkerEvent(int ProcessId, DateTime At, string Level, string Category, string Event, string Message, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>A warning or an error, as opposed to DTFx's information events.</summary>
    public bool IsFault => Level is "Warning" or "Error" or "Critical";

    public string? InstanceId => Fields.GetValueOrDefault("InstanceId");

    public string? MessageId => Fields.GetValueOrDefault("MessageId");

    /// <summary>The task event id (an activity's schedule id; the step number in these runs), or -1.</summary>
    public int TaskEventId => int.TryParse(Fields.GetValueOrDefault("TaskEventId"), CultureInfo.InvariantCulture, out var id) ? id : -1;
}

/// <summary>Reads the side-effect and event logs the workers append to (while they run, or after they were killed).</summary>
public static class ProcessLogs
{
    public static List<Execution> ReadExecutions(string folder) =>
        Read(folder, "effects.", (pid, fields) => fields.Length == 2 && Ticks(fields[1]) is { } at ? new Execution(fields[0], pid, at) : null);

    public static List<WorkerEvent> ReadEvents(string folder) =>
        Read(folder, "events.", (pid, fields) => fields.Length == 6 && Ticks(fields[0]) is { } at
            ? new WorkerEvent(pid, at, fields[1], fields[2], fields[3], fields[4], ParseFields(fields[5]))
            : null);

    private static Dictionary<string, string> ParseFields(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static List<T> Read<T>(string folder, string prefix, Func<int, string[], T?> parse)
        where T : class
    {
        var items = new List<T>();
        foreach (var file in Directory.GetFiles(folder, prefix + "*.log"))
        {
            var pid = int.Parse(Path.GetFileName(file)[prefix.Length..^".log".Length], CultureInfo.InvariantCulture);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            // A line still being written has no newline yet: it is read next time.
            foreach (var line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (parse(pid, line.Split('\t')) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        return items;
    }

    private static DateTime? Ticks(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? new DateTime(ticks, DateTimeKind.Utc) : null;
}

namespace DurableAgents.DurableTask.Sqlite;

/// <summary>Settings of a <see cref="SqliteOrchestrationService"/>: the database file, sessions, concurrency and clock.</summary>
/// <remarks>
/// <para><b>One process per file.</b> The service holds an exclusive OS lock on <c>{DatabasePath}.lock</c> while it is
/// open; a second service (in this or another process) on the same file fails at once, naming the file.</para>
/// <para><b>No lock timeouts.</b> Work items are locked until this process completes, abandons or releases them
/// (<c>LockedUntilUtc</c> is <see cref="DateTime.MaxValue"/>): no other process can take them, and a process that
/// dies loses its locks with its memory, so on the next open the work is offered again. This also spares DTFx a
/// lock-renewal task per work item, which it cancels by throwing an exception (measured: two exceptions per step).</para>
/// <para><b>Durability.</b> The database runs in WAL mode and every write goes through one writer that commits
/// everything waiting in one transaction (group commit).</para>
/// <list type="bullet">
/// <item>Client writes (create, raise event, terminate, suspend, resume, purge) commit with <c>synchronous=FULL</c>:
/// when the call returns, the write is fsynced and survives SIGKILL and power loss. A FULL commit also makes every
/// commit before it durable.</item>
/// <item>Orchestration episodes commit with <c>synchronous=NORMAL</c> before DTFx is told they completed: they survive
/// SIGKILL (the commit is in the WAL file); a power loss may lose the last episodes (and entries written with them),
/// which DTFx then executes again from the messages that are still stored, running their activities again. The next
/// client write's fsync makes all of them durable.</item>
/// <item>An activity's result is handed to its instance in memory at once, and its write is held back: the episode
/// that consumes it takes the write over (the result is then stored once, as history, in the episode's commit), or the
/// next commit of anything else carries it, or after 20 ms it is committed on its own. A crash before that commit loses
/// only the result: the activity's work item is still stored, so the activity runs again, as it would had the crash
/// happened while it ran. Activities run at least once; make them idempotent.</item>
/// </list>
/// <para><b>Clock.</b> <see cref="TimeProvider"/> decides when a durable timer's message becomes visible (its FireAt
/// has passed) and stamps instance times. DTFx itself stamps history events and computes FireAt with the real UTC
/// clock, so a test clock must start at the real current time (as <c>FakeTimeProvider</c> does when created with
/// <see cref="DateTimeOffset.UtcNow"/>); advancing it past a timer's FireAt fires the timer.</para>
/// </remarks>
public sealed record SqliteOrchestrationServiceSettings
{
    /// <summary>Path of the SQLite database file; created with its folder if missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Optional task hub name recorded in the file; a file created for another task hub is refused.</summary>
    public string? TaskHubName { get; init; }

    /// <summary>Whether an instance's next messages resume its live orchestrator instead of replaying its history.</summary>
    public bool ExtendedSessionsEnabled { get; init; } = true;

    /// <summary>How long a live orchestrator waits for its next message before it is unloaded (real time, not <see cref="TimeProvider"/>).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Orchestration work items (episodes and idle sessions) processed at once; DTFx lets at most half of them
    /// be extended sessions, so the rest keep serving other instances.</summary>
    public int MaxConcurrentTaskOrchestrationWorkItems { get; init; } = 100;

    /// <summary>Activities run at once.</summary>
    public int MaxConcurrentTaskActivityWorkItems { get; init; } = 100;

    /// <summary>Delay before an abandoned work item (its processing threw) is offered again, so a failing item cannot spin.</summary>
    public TimeSpan AbandonedWorkItemRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the file is checked with <c>PRAGMA quick_check</c> when opened (a corrupt file is refused).</summary>
    public bool VerifyIntegrityOnOpen { get; init; } = true;

    /// <summary>Clock for timer visibility and instance times (see remarks on the type).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and how to fix it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("DatabasePath is empty: set it to the SQLite file the task hub lives in, for example '.durableagents/taskhub.db'.", nameof(DatabasePath));
        }

        if (DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || DatabasePath.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"DatabasePath '{DatabasePath}' contains characters that are not valid in a path.", nameof(DatabasePath));
        }

        if (Directory.Exists(DatabasePath))
        {
            throw new ArgumentException($"DatabasePath '{DatabasePath}' is a folder: give the path of a file inside it, for example '{Path.Combine(DatabasePath, "taskhub.db")}'.", nameof(DatabasePath));
        }

        if (TaskHubName is not null && (TaskHubName.Length is 0 or > 128 || TaskHubName.Any(char.IsControl)))
        {
            throw new ArgumentException("TaskHubName must be 1-128 characters without control characters, or null to accept any.", nameof(TaskHubName));
        }

        RequireRange(ExtendedSessionIdleTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), nameof(ExtendedSessionIdleTimeout));
        RequireRange(AbandonedWorkItemRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(AbandonedWorkItemRetryDelay));
        RequireRange(MaxConcurrentTaskOrchestrationWorkItems, 1, 10_000, nameof(MaxConcurrentTaskOrchestrationWorkItems));
        RequireRange(MaxConcurrentTaskActivityWorkItems, 1, 10_000, nameof(MaxConcurrentTaskActivityWorkItems));
        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider is null: leave it unset for the system clock.", nameof(TimeProvider));
        }
    }

    static void RequireRange<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}

using System.Text.Json.Serialization;

namespace DurableAgents.Schedules;

/// <summary>The schedule orchestration's input, carried from one execution to the next by ContinueAsNew.</summary>
/// <param name="Schedule">The definition in force.</param>
/// <param name="LastOccurrence">The last occurrence dealt with (fired, skipped or buffered); null before the first execution.</param>
/// <param name="Paused">True while paused.</param>
/// <param name="LastRunId">The run started last.</param>
/// <param name="Buffered">An occurrence kept by the buffer-one policy, waiting for the last run to finish.</param>
/// <param name="Fired">Runs started so far.</param>
/// <param name="Skipped">Occurrences skipped so far.</param>
/// <param name="LastOutcome">What happened last, for people.</param>
public sealed record ScheduleState(
    ScheduleDefinition Schedule,
    DateTime? LastOccurrence = null,
    bool Paused = false,
    string? LastRunId = null,
    DateTime? Buffered = null,
    long Fired = 0,
    long Skipped = 0,
    string? LastOutcome = null);

/// <summary>A command to a schedule's orchestration (the <c>control</c> event).</summary>
/// <param name="Action">pause, resume, trigger or update.</param>
/// <param name="Schedule">The new definition, for update.</param>
public sealed record ScheduleControl(string Action, ScheduleDefinition? Schedule = null)
{
    /// <summary>Stop firing until resumed; occurrences while paused are not caught up.</summary>
    public const string Pause = "pause";

    /// <summary>Fire again from now on.</summary>
    public const string Resume = "resume";

    /// <summary>Start one run now, paused or not.</summary>
    public const string Trigger = "trigger";

    /// <summary>Replace the definition (configuration changed).</summary>
    public const string Update = "update";
}

/// <summary>The schedule orchestration's custom status, as <c>GET /api/schedules</c> shows it.</summary>
public sealed record ScheduleStatus
{
    /// <summary>active or paused.</summary>
    public required string State { get; init; }

    /// <summary>The definition in force.</summary>
    public required ScheduleDefinition Schedule { get; init; }

    /// <summary>The next occurrence (UTC), if any.</summary>
    public DateTime? NextOccurrence { get; init; }

    /// <summary>The last occurrence dealt with (UTC).</summary>
    public DateTime? LastOccurrence { get; init; }

    /// <summary>The run started last.</summary>
    public string? LastRunId { get; init; }

    /// <summary>An occurrence waiting for the running run (buffer-one).</summary>
    public DateTime? Buffered { get; init; }

    /// <summary>Runs started.</summary>
    public long Fired { get; init; }

    /// <summary>Occurrences skipped.</summary>
    public long Skipped { get; init; }

    /// <summary>What happened last.</summary>
    [JsonPropertyName("lastOutcome")]
    public string? LastOutcome { get; init; }
}

using System.Text.Json.Serialization;
using DurableAgents.Agents;

namespace DurableAgents.Schedules;

/// <summary>What a schedule does when an occurrence comes while the run it started last is still running.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleOverlapPolicy>))]
public enum ScheduleOverlapPolicy
{
    /// <summary>The occurrence is skipped (recorded in the schedule's status).</summary>
    Skip,

    /// <summary>The occurrence starts another run alongside.</summary>
    Allow,

    /// <summary>The occurrence is kept (one at most) and starts as soon as the running run has finished.</summary>
    BufferOne,
}

/// <summary>A cron schedule that starts runs of an agent.</summary>
public sealed record ScheduleDefinition
{
    /// <summary>The default catch-up window: occurrences missed by less than this after downtime still fire.</summary>
    public static readonly TimeSpan DefaultCatchUpWindow = TimeSpan.FromMinutes(15);

    /// <summary>The unique schedule name (1-64 letters, digits, '-' or '_').</summary>
    public string Name { get; init; } = "";

    /// <summary>The agent each occurrence starts a run of.</summary>
    public string Agent { get; init; } = "";

    /// <summary>The run's goal.</summary>
    public string Input { get; init; } = "";

    /// <summary>6 fields with seconds (the order NCRONTAB uses), classic 5-field cron, or a macro; see <see cref="CronSchedule"/>.</summary>
    public string Cron { get; init; } = "";

    /// <summary>IANA or Windows time zone id the cron fields are read in; UTC when empty.</summary>
    public string? TimeZone { get; init; }

    /// <summary>What to do when the previous run is still running.</summary>
    public ScheduleOverlapPolicy Overlap { get; init; } = ScheduleOverlapPolicy.Skip;

    /// <summary>Occurrences missed (host down) by at most this much fire once each when the schedule wakes up.</summary>
    public TimeSpan CatchUpWindow { get; init; } = DefaultCatchUpWindow;

    /// <summary>The user each run is for (<see cref="Runs.UserKeys"/> rules), so its memory tools use that user's scope; null for none.</summary>
    public string? User { get; init; }

    /// <summary>False keeps the schedule's orchestration from being started (and ends a running one).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The fixed instance id of the schedule's orchestration.</summary>
    [JsonIgnore]
    public string InstanceId => ScheduleNames.InstanceId(Name);

    /// <summary>Throws an <see cref="ArgumentException"/> saying which field is wrong and how to fix it.</summary>
    public void Validate()
    {
        if (!AgentNames.IsValid(Name, out _))
        {
            throw new ArgumentException($"Schedule name '{Name}' is not valid: use 1 to 64 letters, digits, '-' or '_'.");
        }

        if (!AgentNames.IsValid(Agent, out _))
        {
            throw new ArgumentException($"Schedule '{Name}' names agent '{Agent}', which is not a valid agent name. Set 'agent' to a registered agent.");
        }

        if (!CronSchedule.TryParse(Cron, out _, out var cronError))
        {
            throw new ArgumentException($"Schedule '{Name}' has cron '{Cron}' that is not valid: {cronError}");
        }

        if (!CronSchedule.TryResolveZone(TimeZone, out _))
        {
            throw new ArgumentException($"Schedule '{Name}' has an unknown time zone '{TimeZone}'. Use an IANA id such as 'Europe/Berlin', a Windows id, or 'UTC'.");
        }

        if (!Runs.UserKeys.IsValid(User, out var userError))
        {
            throw new ArgumentException($"Schedule '{Name}' has a 'user' that is not usable: {userError}");
        }

        if (CatchUpWindow < TimeSpan.Zero)
        {
            throw new ArgumentException($"Schedule '{Name}' has a negative catch-up window; use 00:00:00 for none.");
        }
    }
}

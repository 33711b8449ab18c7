using System.Globalization;

namespace DurableAgents.Schedules;

/// <summary>Names and ids shared by the schedule orchestration, its activities and its clients.</summary>
public static class ScheduleNames
{
    /// <summary>The eternal orchestrator that drives one schedule.</summary>
    public const string Orchestrator = "Schedule";

    /// <summary>The activity that starts a run with a deterministic id.</summary>
    public const string StartRunActivity = "Schedule_StartRun";

    /// <summary>The activity that tells whether a run is still running.</summary>
    public const string IsRunActiveActivity = "Schedule_IsRunActive";

    /// <summary>The external event that carries a <see cref="ScheduleControl"/>.</summary>
    public const string ControlEvent = "control";

    /// <summary>The prefix of every schedule orchestration's instance id.</summary>
    public const string InstanceIdPrefix = "schedule:";

    /// <summary>The fixed instance id of a schedule's orchestration.</summary>
    public static string InstanceId(string scheduleName) => InstanceIdPrefix + scheduleName;

    /// <summary>The deterministic run id of an occurrence: a second start of the same occurrence is refused.</summary>
    public static string RunId(string scheduleName, DateTime occurrenceUtc) =>
        $"{scheduleName}-{occurrenceUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>The run id of a manual trigger (a replay-safe GUID keeps two triggers in the same second apart).</summary>
    public static string ManualRunId(string scheduleName, DateTime nowUtc, Guid nonce) =>
        $"{scheduleName}-manual-{nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{nonce.ToString("N")[..8]}";
}

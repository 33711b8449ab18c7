namespace DurableAgents.Tools.BuiltIn;

/// <summary>The answer of the current_time tool.</summary>
/// <param name="Utc">The current time in UTC, ISO-8601 (e.g. 2025-03-01T14:05:09Z).</param>
/// <param name="UtcDayOfWeek">The English day of the week in UTC.</param>
/// <param name="TimeZone">The requested time zone id, or null when none was asked for.</param>
/// <param name="Local">The time in that zone, ISO-8601 with its offset (e.g. 2025-03-01T15:05:09+01:00), or null.</param>
/// <param name="LocalDayOfWeek">The English day of the week in that zone, or null.</param>
public sealed record CurrentTimeResult(
    string Utc,
    string UtcDayOfWeek,
    string? TimeZone = null,
    string? Local = null,
    string? LocalDayOfWeek = null);

using System.ComponentModel;
using System.Globalization;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>The current_time tool: the time now in UTC and, optionally, in a given time zone.</summary>
public sealed class CurrentTimeTool
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the tool over a clock (use a fake <see cref="TimeProvider"/> in tests).</summary>
    public CurrentTimeTool(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Returns the current time in UTC and, when <paramref name="timeZone"/> is given, in that zone.</summary>
    [Description("Returns the current date and time in UTC and optionally in a time zone.")]
    public CurrentTimeResult GetCurrentTime(
        [Description("Optional time zone id, IANA (e.g. 'Europe/Paris', 'America/New_York') or Windows "
            + "(e.g. 'W. Europe Standard Time'). Omit for UTC only.")]
        string? timeZone = null)
    {
        var now = _timeProvider.GetUtcNow().ToUniversalTime();
        var utc = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return new CurrentTimeResult(utc, now.DayOfWeek.ToString());
        }

        var zone = FindZone(timeZone.Trim());
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new CurrentTimeResult(
            utc,
            now.DayOfWeek.ToString(),
            timeZone.Trim(),
            local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            local.DayOfWeek.ToString());
    }

    private static TimeZoneInfo FindZone(string id)
    {
        if (id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || id.Equals("Z", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ToolException(
                $"Unknown time zone '{id}'. Use an IANA id such as 'Europe/Paris' or 'America/New_York', "
                + "or a Windows id such as 'W. Europe Standard Time'; omit the time zone for UTC.",
                ex);
        }
    }
}

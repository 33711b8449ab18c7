using System.Globalization;
using Cronos;
using DurableAgents.Schedules;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>Shared helpers for the cron tests.</summary>
internal static class CronTestSupport
{
    /// <summary>Parses an ISO 8601 instant such as "2025-03-09T07:00:00Z".</summary>
    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static TimeZoneInfo Zone(string id) => CronSchedule.ResolveZone(id);

    public static bool ZoneExists(string id) => CronSchedule.TryResolveZone(id, out _);

    /// <summary>Occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], the window a schedule catches up over.</summary>
    public static IEnumerable<DateTimeOffset> Between(this CronExpression cron, DateTimeOffset fromExclusive, DateTimeOffset toInclusive, TimeZoneInfo zone) =>
        cron.GetOccurrences(fromExclusive, toInclusive, zone, fromInclusive: false, toInclusive: true);

    /// <summary>Occurrences as compact UTC strings ("2025-03-09T07:00:00Z") so failures read well.</summary>
    public static string[] Format(IEnumerable<DateTimeOffset> instants) =>
        instants.Select(Format).ToArray();

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A fact that is skipped when the machine's time zone database lacks the given zone.</summary>
public sealed class FactWhenZoneExistsAttribute : FactAttribute
{
    public FactWhenZoneExistsAttribute(string zoneId)
    {
        if (!CronSchedule.TryResolveZone(zoneId, out _))
        {
            Skip = $"Time zone '{zoneId}' is not available on this machine.";
        }
    }
}

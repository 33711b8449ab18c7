using System.Globalization;
using DurableAgents.Schedules.Cron;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>Shared helpers for the cron tests.</summary>
internal static class CronTestSupport
{
    /// <summary>Parses an ISO 8601 instant such as "2025-03-09T07:00:00Z".</summary>
    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static TimeZoneInfo Zone(string id) => TimeZoneResolver.Resolve(id);

    public static bool ZoneExists(string id) => TimeZoneResolver.TryResolve(id, out _);

    /// <summary>The values a parsed field allows, in order.</summary>
    public static int[] Values(CronField field) => Enumerable.Range(0, 64).Where(field.Contains).ToArray();

    public static int[] ParseList(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

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
        if (!TimeZoneResolver.TryResolve(zoneId, out _))
        {
            Skip = $"Time zone '{zoneId}' is not available on this machine.";
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace DurableAgents.Schedules.Cron;

/// <summary>Turns a schedule's time zone id (IANA, Windows, or empty for UTC) into a <see cref="TimeZoneInfo"/>.</summary>
public static class TimeZoneResolver
{
    /// <summary>Resolves <paramref name="id"/>: null, empty or "UTC" give UTC; IANA and Windows ids are both accepted.</summary>
    /// <exception cref="ArgumentException">The id is not known on this machine.</exception>
    public static TimeZoneInfo Resolve(string? id) =>
        TryResolve(id, out var zone)
            ? zone
            : throw new ArgumentException(
                $"Unknown time zone id '{id}'. Use an IANA id such as 'Europe/Berlin' or 'America/New_York', " +
                "a Windows id such as 'W. Europe Standard Time', or 'UTC'.",
                nameof(id));

    /// <summary>Like <see cref="Resolve"/> but returns false instead of throwing for an unknown id.</summary>
    public static bool TryResolve(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || string.Equals(trimmed, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        if (TryFind(trimmed, out zone))
        {
            return true;
        }

        // The system may only know one naming scheme (e.g. no ICU mapping); try the other spelling explicitly.
        if (TimeZoneInfo.TryConvertIanaIdToWindowsId(trimmed, out var windowsId) && TryFind(windowsId, out zone))
        {
            return true;
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(trimmed, out var ianaId) && TryFind(ianaId, out zone))
        {
            return true;
        }

        zone = null;
        return false;
    }

    private static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = null;
            return false;
        }
    }
}

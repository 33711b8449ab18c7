using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace DurableAgents.Schedules;

/// <summary>
/// A schedule's cron expression and time zone on Cronos: picks the format from the field count, and turns a bad expression or
/// zone id into a message that says what to write instead (Cronos's own messages name neither the expression nor the formats).
/// </summary>
/// <remarks>
/// <para>Formats: 6 fields <c>second minute hour day-of-month month day-of-week</c> (<see cref="CronFormat.IncludeSeconds"/>,
/// the order of the Functions timer trigger), 5 fields <c>minute hour day-of-month month day-of-week</c>
/// (<see cref="CronFormat.Standard"/>, seconds 0), or a macro such as <c>@daily</c> or <c>@every_second</c>.
/// Occurrences are computed in the schedule's zone by Cronos: a time skipped by a spring-forward change fires once at the end of
/// the gap (02:30 fires at 03:00); in a repeated (fall-back) hour fixed-time schedules fire once and interval schedules (a '*',
/// range or step in the second, minute or hour field) fire in both passes, keeping their real intervals.</para>
/// <para>Where Cronos and NCrontab (the syntax of Azure Functions timer triggers, which the Functions app uses) differ:
/// Cronos accepts <c>L</c>, <c>W</c>, <c>#</c>, <c>?</c>, <c>H</c> and macros, NCrontab none of them; NCrontab's day-of-week is
/// 0-6 while Cronos also reads 7 as Sunday; both match a day only when day-of-month AND day-of-week match (Vixie cron uses OR);
/// NCrontab has no time zones (the Functions host evaluates in UTC or in WEBSITE_TIME_ZONE), so DST gaps and repeats follow the
/// host there, not the rules above. An expression meant for both should use 6 plain fields (numbers, names, <c>*</c>, lists,
/// ranges, steps) and a day-of-week of 0-6.</para>
/// </remarks>
public static class CronSchedule
{
    private static readonly TimeSpan[] RetrySteps =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(2)];

    private const string FormatHelp =
        "write 6 fields (second minute hour day-of-month month day-of-week, e.g. \"0 */5 * * * *\"), "
        + "5 fields (minute hour day-of-month month day-of-week, e.g. \"*/5 * * * *\") or a macro such as @daily or @every_second";

    /// <summary>Parses an expression; throws a <see cref="FormatException"/> that says what is wrong.</summary>
    public static CronExpression Parse(string expression) =>
        TryParse(expression, out var cron, out var error) ? cron : throw new FormatException(error);

    /// <summary>Parses an expression without throwing; <paramref name="error"/> says what is wrong and what to write.</summary>
    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        var text = expression?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = $"The cron expression is empty; {FormatHelp}.";
            return false;
        }

        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (!text.StartsWith('@') && fields is not (5 or 6))
        {
            error = $"The cron expression \"{text}\" has {fields} field{(fields == 1 ? "" : "s")}; {FormatHelp}.";
            return false;
        }

        try
        {
            cron = CronExpression.Parse(text, fields == 6 || text.StartsWith('@') ? CronFormat.IncludeSeconds : CronFormat.Standard);
            error = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"The cron expression \"{text}\" is not valid: {ex.Message.TrimEnd('.')}. {char.ToUpperInvariant(FormatHelp[0])}{FormatHelp[1..]}.";
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="fromExclusive"/>, as UTC; null when there is none (or none before the calendar ends).</summary>
    /// <remarks>
    /// Cronos 0.13 answers an instant at or before <paramref name="fromExclusive"/> for a time on a day a zone skipped whole
    /// (Pacific/Apia, 2011-12-30), so asking again from its answer returns the same answer forever; such an answer is stepped past
    /// here, so a schedule never fires twice for one occurrence.
    /// </remarks>
    public static DateTimeOffset? NextAfter(this CronExpression cron, DateTimeOffset fromExclusive, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentNullException.ThrowIfNull(zone);
        try
        {
            // Cronos repeats the early answer until 'from' is past the skipped day, so the retries step further each time.
            foreach (var step in RetrySteps)
            {
                var next = cron.GetNextOccurrence(fromExclusive + step, zone);
                if (next is null || next > fromExclusive)
                {
                    return next?.ToUniversalTime();
                }
            }

            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // the search ran past year 9999
        }
    }

    /// <summary>Resolves a time zone id: null, empty or "UTC" give UTC; IANA and Windows ids are both accepted.</summary>
    /// <exception cref="ArgumentException">The id is not known on this machine.</exception>
    public static TimeZoneInfo ResolveZone(string? id) =>
        TryResolveZone(id, out var zone)
            ? zone
            : throw new ArgumentException(
                $"Unknown time zone id '{id}'. Use an IANA id such as 'Europe/Berlin' or 'America/New_York', "
                + "a Windows id such as 'W. Europe Standard Time', or 'UTC'.", nameof(id));

    /// <summary>Like <see cref="ResolveZone"/> but returns false for an unknown id.</summary>
    public static bool TryResolveZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || string.Equals(trimmed, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        // The system may know one naming scheme only (no ICU mapping); then the other spelling is tried explicitly.
        return TryFind(trimmed, out zone)
            || (TimeZoneInfo.TryConvertIanaIdToWindowsId(trimmed, out var windowsId) && TryFind(windowsId, out zone))
            || (TimeZoneInfo.TryConvertWindowsIdToIanaId(trimmed, out var ianaId) && TryFind(ianaId, out zone));
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

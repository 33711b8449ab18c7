namespace DurableAgents.Schedules.Cron;

/// <summary>Next-occurrence calculation in a time zone, including daylight saving time transitions.</summary>
public sealed partial class CronExpression
{
    /// <summary>Returns the first occurrence strictly after <paramref name="fromExclusive"/>, as UTC, or null when none exists.</summary>
    /// <param name="fromExclusive">The instant to search after; an occurrence exactly at this instant is not returned.</param>
    /// <param name="zone">The time zone whose wall clock the fields are evaluated in (use <see cref="TimeZoneInfo.Utc"/> for UTC).</param>
    /// <remarks>
    /// <para>Fields are matched against the wall-clock time of <paramref name="zone"/>. The search jumps field by field
    /// and looks 10 years ahead (the longest real gap, 29 February across 2100, is 8 years); impossible expressions such as
    /// <c>0 0 30 2 *</c> return null. Gaps and overlaps are taken from the zone's UTC offsets, so a permanent change of
    /// standard offset (e.g. Samoa skipping 2011-12-30) follows the same rules as daylight saving time.</para>
    /// <para>Spring forward (a wall-clock time that does not exist, e.g. 02:30 on the switch day in America/New_York):
    /// the occurrence fires once, at the instant the gap ends (03:00 local). Several skipped times, or a skipped time and
    /// the gap end itself, collapse into that one instant, so <c>0 */30 * * * *</c> fires 01:30, 03:00, 03:30 and
    /// <c>0 0 * * * *</c> fires 01:00, 03:00, 04:00 with no extra run. A schedule with a skipped minute such as
    /// <c>0 15 * * * *</c> fires at 03:00 (the shifted 02:15) and then at 03:15.</para>
    /// <para>Fall back (a wall-clock time that occurs twice): schedules whose second, minute and hour fields contain no
    /// '*' (fixed times such as <c>0 30 1 * * *</c>) fire once, at the first (daylight-time) instance. Interval schedules
    /// (<see cref="IsIntervalSchedule"/>, e.g. <c>0 */30 * * * *</c> or <c>0 0 * * * *</c>) fire in both passes of the
    /// repeated hour, so they keep their real elapsed interval: 01:00 EDT, 01:30 EDT, 01:00 EST, 01:30 EST, 02:00 EST.</para>
    /// </remarks>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset fromExclusive, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!IsSatisfiable)
        {
            return null;
        }

        var fromUtc = fromExclusive.UtcDateTime;
        var localFrom = CronZoneMath.ToLocal(fromUtc, zone);
        var lastYear = localFrom.Year + SearchHorizonYears;

        if (zone == TimeZoneInfo.Utc)
        {
            return ToUtcOffset(NextLocal(localFrom, lastYear));
        }

        // Interval schedules started inside the first pass of a repeated hour also fire in the second pass, which
        // repeats wall-clock times at or before localFrom; the forward search below cannot see those.
        var best = IsIntervalSchedule ? NextInSecondPass(fromUtc, localFrom, zone) : null;

        var cursor = localFrom;
        while (NextLocal(cursor, lastYear) is { } local)
        {
            cursor = local;
            var candidate = ResolveLocal(local, fromUtc, zone);
            if (candidate is { } instant)
            {
                return best is { } earlier && earlier < instant ? ToUtcOffset(earlier) : ToUtcOffset(instant);
            }
        }

        return ToUtcOffset(best);
    }

    /// <summary>Returns every occurrence in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], in order, as UTC.</summary>
    /// <remarks>Uses the same daylight saving time rules as <see cref="GetNextOccurrence"/>. Evaluated lazily.</remarks>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Enumerate(fromExclusive, toInclusive, zone);
    }

    private IEnumerable<DateTimeOffset> Enumerate(DateTimeOffset fromExclusive, DateTimeOffset toInclusive, TimeZoneInfo zone)
    {
        var cursor = fromExclusive;
        while (GetNextOccurrence(cursor, zone) is { } next && next <= toInclusive)
        {
            yield return next;
            cursor = next;
        }
    }

    // Maps a matching wall-clock time to the instant it fires at, or null when it must not fire after fromUtc.
    private DateTime? ResolveLocal(DateTime local, DateTime fromUtc, TimeZoneInfo zone)
    {
        var (first, second) = CronZoneMath.InstantsFor(local, zone);
        if (first is null)
        {
            var gapEnd = CronZoneMath.GapEndUtc(local, zone);
            return gapEnd > fromUtc ? gapEnd : null;
        }

        if (first > fromUtc)
        {
            return first;
        }

        return IsIntervalSchedule && second > fromUtc ? second : null;
    }

    // When fromUtc lies in the first pass of a repeated hour, the earliest match in the second pass (or null).
    private DateTime? NextInSecondPass(DateTime fromUtc, DateTime localFrom, TimeZoneInfo zone)
    {
        var (first, second) = CronZoneMath.InstantsFor(localFrom, zone);
        if (first != fromUtc || second is null)
        {
            return null; // Not repeated, or already in the second pass where the forward search handles it.
        }

        var firstOffset = localFrom - first.Value;
        var secondOffset = localFrom - second.Value;
        var fallBack = CronZoneMath.NextOffsetChangeUtc(fromUtc, firstOffset, firstOffset - secondOffset, zone);
        var repeatStart = fallBack + secondOffset;
        var repeatEnd = fallBack + firstOffset;
        var match = NextLocal(repeatStart.AddSeconds(-1), repeatEnd.Year);
        return match is { } local && local < repeatEnd ? ToUtc(local, secondOffset) : null;
    }

    private static DateTime ToUtc(DateTime local, TimeSpan offset) =>
        new(Math.Clamp(local.Ticks - offset.Ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);

    private static DateTimeOffset? ToUtcOffset(DateTime? utc) =>
        utc is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}

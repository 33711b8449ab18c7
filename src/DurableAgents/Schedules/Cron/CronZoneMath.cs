namespace DurableAgents.Schedules.Cron;

/// <summary>
/// Locates time-zone transitions by bisection. TimeZoneInfo exposes offsets per instant but not the
/// transition instants themselves, and its adjustment rules are awkward to interpret directly.
/// </summary>
internal static class CronZoneMath
{
    // Real UTC offsets lie within -12h..+14h, so a +-15h window around a wall-clock time read as UTC
    // always brackets the instants that can show that wall-clock time.
    private static readonly TimeSpan Bracket = TimeSpan.FromHours(15);

    /// <summary>Converts a UTC instant to the zone's wall-clock time (Kind Unspecified).</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return DateTime.SpecifyKind(Clamp(utc.Ticks + offset.Ticks), DateTimeKind.Unspecified);
    }

    /// <summary>
    /// The UTC instants whose wall-clock time in <paramref name="zone"/> is <paramref name="local"/>, earliest first:
    /// neither (a spring-forward gap), only <c>First</c> (a normal time) or both (a fall-back overlap).
    /// </summary>
    /// <remarks>
    /// Built only on <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> for UTC instants, which follows the tz database
    /// exactly. <see cref="TimeZoneInfo.IsInvalidTime"/> and <see cref="TimeZoneInfo.IsAmbiguousTime(DateTime)"/> miss
    /// gaps and overlaps caused by a change of standard offset (e.g. Samoa skipping 2011-12-30), so they are not used.
    /// </remarks>
    public static (DateTime? First, DateTime? Second) InstantsFor(DateTime local, TimeZoneInfo zone)
    {
        // Any instant showing `local` lies within [local - 14h, local + 12h]; the offsets in force at both ends,
        // and at the instants they point to, cover every offset that can apply there.
        var before = OffsetAt(local.Ticks - TimeSpan.FromHours(14).Ticks, zone);
        var after = OffsetAt(local.Ticks + TimeSpan.FromHours(12).Ticks, zone);
        ReadOnlySpan<TimeSpan> candidates =
        [
            before, after, OffsetAt(local.Ticks - before.Ticks, zone), OffsetAt(local.Ticks - after.Ticks, zone),
        ];

        long earliest = long.MaxValue, latest = long.MinValue;
        foreach (var offset in candidates)
        {
            var utc = local.Ticks - offset.Ticks;
            if (utc >= DateTime.MinValue.Ticks && utc <= DateTime.MaxValue.Ticks && OffsetAt(utc, zone) == offset)
            {
                (earliest, latest) = (Math.Min(earliest, utc), Math.Max(latest, utc));
            }
        }

        DateTime? first = earliest == long.MaxValue ? null : new DateTime(earliest, DateTimeKind.Utc);
        DateTime? second = first is not null && latest != earliest ? new DateTime(latest, DateTimeKind.Utc) : null;
        return (first, second);
    }

    /// <summary>
    /// For a wall-clock time inside a spring-forward gap, the UTC instant at which the gap ends
    /// (the first instant whose wall-clock time is at or after <paramref name="invalidLocal"/>).
    /// </summary>
    public static DateTime GapEndUtc(DateTime invalidLocal, TimeZoneInfo zone)
    {
        var low = Clamp(invalidLocal.Ticks - Bracket.Ticks);
        var high = Clamp(invalidLocal.Ticks + Bracket.Ticks);
        return FirstSecond(low, high, utc => ToLocal(utc, zone) >= invalidLocal);
    }

    /// <summary>
    /// The first UTC instant after <paramref name="afterUtc"/> (and at most <paramref name="within"/> later)
    /// whose UTC offset differs from <paramref name="offset"/>; used to find where a fall-back starts.
    /// </summary>
    public static DateTime NextOffsetChangeUtc(DateTime afterUtc, TimeSpan offset, TimeSpan within, TimeZoneInfo zone)
    {
        var high = Clamp(afterUtc.Ticks + within.Ticks);
        return FirstSecond(afterUtc, high, utc => zone.GetUtcOffset(utc) != offset);
    }

    // Smallest whole second s in (low, high] with predicate(s) true, assuming the predicate flips from
    // false to true once inside the window (true for a single DST transition). Returns high if it never flips.
    private static DateTime FirstSecond(DateTime low, DateTime high, Func<DateTime, bool> predicate)
    {
        var lo = low.Ticks / TimeSpan.TicksPerSecond; // predicate assumed false at lo
        var hi = (high.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (predicate(AsUtc(mid)))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return AsUtc(hi);
    }

    private static TimeSpan OffsetAt(long utcTicks, TimeZoneInfo zone) => zone.GetUtcOffset(Clamp(utcTicks));

    private static DateTime AsUtc(long seconds) => new(Clamp(seconds * TimeSpan.TicksPerSecond).Ticks, DateTimeKind.Utc);

    private static DateTime Clamp(long ticks) =>
        new(Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
}

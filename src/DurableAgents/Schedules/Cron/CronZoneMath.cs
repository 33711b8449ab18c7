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

    private static DateTime AsUtc(long seconds) => new(Clamp(seconds * TimeSpan.TicksPerSecond).Ticks, DateTimeKind.Utc);

    private static DateTime Clamp(long ticks) =>
        new(Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
}

using System.Numerics;

namespace DurableAgents.Schedules.Cron;

/// <summary>The parsed set of values of one cron field, stored as a bit mask (bit n set = value n allowed).</summary>
internal readonly struct CronField
{
    public CronField(ulong mask, bool isUnrestricted, bool usesStar)
    {
        Mask = mask;
        IsUnrestricted = isUnrestricted;
        UsesStar = usesStar;
    }

    /// <summary>Bit n is set when value n matches.</summary>
    public ulong Mask { get; }

    /// <summary>True when the field was written as a bare '*' or '?'; drives the day-of-month/day-of-week OR rule.</summary>
    public bool IsUnrestricted { get; }

    /// <summary>True when any list item starts with '*' (e.g. '*' or '*/15'); marks interval schedules for DST.</summary>
    public bool UsesStar { get; }

    /// <summary>True when <paramref name="value"/> is in the set.</summary>
    public bool Contains(int value) => value is >= 0 and < 64 && (Mask & (1UL << value)) != 0;

    /// <summary>The smallest value in the set that is at least <paramref name="from"/>, or -1 when there is none.</summary>
    public int NextFrom(int from)
    {
        if (from < 0)
        {
            from = 0;
        }

        // C# masks shift counts to 6 bits, so 64 and above must be handled explicitly.
        if (from >= 64)
        {
            return -1;
        }

        var remaining = Mask & (ulong.MaxValue << from);
        return remaining == 0 ? -1 : BitOperations.TrailingZeroCount(remaining);
    }
}

namespace DurableAgents.Schedules.Cron;

/// <summary>Time-zone-free matching: finds the next wall-clock time whose fields match.</summary>
public sealed partial class CronExpression
{
    /// <summary>
    /// How far ahead a search looks. The longest gap between occurrences of a satisfiable expression is
    /// 8 years (29 February around a skipped century leap year, e.g. 2096 -> 2104), so 10 years never
    /// cuts a real schedule short while keeping impossible ones cheap.
    /// </summary>
    internal const int SearchHorizonYears = 10;

    /// <summary>True when the fields can ever match a real date (false for e.g. 30 February).</summary>
    internal bool IsSatisfiable
    {
        get
        {
            // A restricted day-of-week (alone or OR-ed with day-of-month) matches some day of every month.
            if (DayOfMonth.IsUnrestricted || !DayOfWeek.IsUnrestricted)
            {
                return true;
            }

            var smallestDay = DayOfMonth.NextFrom(1);
            for (var month = Month.NextFrom(1); month > 0; month = Month.NextFrom(month + 1))
            {
                var longest = DateTime.DaysInMonth(2000, month); // 2000 is a leap year: February has 29 days.
                if (smallestDay > 0 && smallestDay <= longest)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when the local (wall-clock) time matches every field; sub-second parts are ignored.</summary>
    internal bool MatchesLocal(DateTime local) =>
        Second.Contains(local.Second) && Minute.Contains(local.Minute) && Hour.Contains(local.Hour) &&
        Month.Contains(local.Month) && DayMatches(local.Year, local.Month, local.Day);

    /// <summary>
    /// The first whole-second wall-clock time strictly after <paramref name="afterExclusive"/> that matches,
    /// or null when none falls in a year up to <paramref name="lastYear"/>. Jumps field by field instead of
    /// stepping through seconds: a mismatch in a field bumps its parent and resets every smaller field.
    /// </summary>
    internal DateTime? NextLocal(DateTime afterExclusive, int lastYear)
    {
        if (afterExclusive >= DateTime.MaxValue.AddSeconds(-1))
        {
            return null;
        }

        var start = new DateTime(afterExclusive.Ticks - (afterExclusive.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        int year = start.Year, month = start.Month, day = start.Day, hour = start.Hour, minute = start.Minute, second = start.Second;
        lastYear = Math.Min(lastYear, DateTime.MaxValue.Year);

        while (year <= lastYear)
        {
            var m = Month.NextFrom(month);
            if (m < 0)
            {
                (year, month, day, hour, minute, second) = (year + 1, 1, 1, 0, 0, 0);
                continue;
            }

            if (m != month)
            {
                (month, day, hour, minute, second) = (m, 1, 0, 0, 0);
            }

            var d = NextDay(year, month, day);
            if (d < 0)
            {
                (month, day, hour, minute, second) = (month + 1, 1, 0, 0, 0);
                continue;
            }

            if (d != day)
            {
                (day, hour, minute, second) = (d, 0, 0, 0);
            }

            var h = Hour.NextFrom(hour);
            if (h < 0)
            {
                (day, hour, minute, second) = (day + 1, 0, 0, 0);
                continue;
            }

            if (h != hour)
            {
                (hour, minute, second) = (h, 0, 0);
            }

            var mi = Minute.NextFrom(minute);
            if (mi < 0)
            {
                (hour, minute, second) = (hour + 1, 0, 0);
                continue;
            }

            if (mi != minute)
            {
                (minute, second) = (mi, 0);
            }

            var s = Second.NextFrom(second);
            if (s < 0)
            {
                (minute, second) = (minute + 1, 0);
                continue;
            }

            return new DateTime(year, month, day, hour, minute, s, DateTimeKind.Unspecified);
        }

        return null;
    }

    // The first matching day >= startDay in the month, or -1. A month value of 13 yields -1 via Month.NextFrom first.
    private int NextDay(int year, int month, int startDay)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (DayOfWeek.IsUnrestricted)
        {
            // Only day-of-month matters: jump straight to the next allowed day.
            var next = DayOfMonth.NextFrom(startDay);
            return next > 0 && next <= daysInMonth ? next : -1;
        }

        for (var day = startDay; day <= daysInMonth; day++)
        {
            if (DayMatches(year, month, day))
            {
                return day;
            }
        }

        return -1;
    }

    private bool DayMatches(int year, int month, int day)
    {
        var domMatches = DayOfMonth.Contains(day);
        if (DayOfWeek.IsUnrestricted)
        {
            return domMatches;
        }

        var dowMatches = DayOfWeek.Contains((int)new DateTime(year, month, day).DayOfWeek);
        return DayOfMonth.IsUnrestricted ? dowMatches : domMatches || dowMatches;
    }
}

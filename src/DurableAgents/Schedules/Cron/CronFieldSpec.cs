namespace DurableAgents.Schedules.Cron;

/// <summary>Static description of one cron field: its display name, allowed range and optional names.</summary>
internal sealed class CronFieldSpec
{
    private CronFieldSpec(string name, int min, int max, string[]? names = null, int nameBase = 0, bool allowsQuestionMark = false)
    {
        Name = name;
        Min = min;
        Max = max;
        Names = names;
        NameBase = nameBase;
        AllowsQuestionMark = allowsQuestionMark;
    }

    public static readonly CronFieldSpec Second = new("second", 0, 59);
    public static readonly CronFieldSpec Minute = new("minute", 0, 59);
    public static readonly CronFieldSpec Hour = new("hour", 0, 23);
    public static readonly CronFieldSpec DayOfMonth = new("day-of-month", 1, 31, allowsQuestionMark: true);

    public static readonly CronFieldSpec Month = new(
        "month", 1, 12,
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], nameBase: 1);

    // 7 is accepted as a second spelling of Sunday; the parser folds it onto 0.
    public static readonly CronFieldSpec DayOfWeek = new(
        "day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], nameBase: 0, allowsQuestionMark: true);

    /// <summary>Field name used in error messages, e.g. "day-of-month".</summary>
    public string Name { get; }

    /// <summary>Smallest allowed numeric value.</summary>
    public int Min { get; }

    /// <summary>Largest allowed numeric value.</summary>
    public int Max { get; }

    /// <summary>Upper bound that '*' expands to; day-of-week stops at 6 so 7 does not duplicate Sunday.</summary>
    public int StarMax => ReferenceEquals(this, DayOfWeek) ? 6 : Max;

    /// <summary>Three-letter names (JAN, SUN, ...) or null when the field is numeric only.</summary>
    public string[]? Names { get; }

    /// <summary>Numeric value of the first name.</summary>
    public int NameBase { get; }

    /// <summary>True for day-of-month and day-of-week, where '?' means "no specific value".</summary>
    public bool AllowsQuestionMark { get; }

    /// <summary>Human range text for messages, e.g. "0-23" or "1-12 or JAN-DEC".</summary>
    public string RangeText => Names is null
        ? $"{Min}-{Max}"
        : $"{Min}-{Max} or {Names[0]}-{Names[^1]}";
}

using System.Diagnostics.CodeAnalysis;

namespace DurableAgents.Schedules.Cron;

/// <summary>A parsed cron expression (NCRONTAB 6-field with seconds, classic 5-field, or an @macro).</summary>
/// <remarks>
/// <para>Formats: <c>sec min hour day-of-month month day-of-week</c> (NCRONTAB, as Azure Functions timer triggers use) or
/// <c>min hour day-of-month month day-of-week</c> (classic cron; seconds are 0). Macros: <c>@yearly</c>, <c>@annually</c>,
/// <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@hourly</c>.</para>
/// <para>Each field accepts <c>*</c>, a value, a list <c>a,b,c</c>, a range <c>a-b</c> and steps <c>*/n</c>, <c>a/n</c>
/// (from a to the end of the field), <c>a-b/n</c>. Months take JAN-DEC and days SUN-SAT (any case); day-of-week 0 and 7
/// are both Sunday; <c>?</c> is accepted in day-of-month and day-of-week as a synonym of <c>*</c>.
/// Quartz extensions L, W and # are rejected.</para>
/// <para>Day-of-month and day-of-week follow Vixie cron: when both are restricted (anything other than a bare <c>*</c>
/// or <c>?</c>, so <c>*/2</c> counts as restricted) a day matches if EITHER field matches, e.g. <c>0 0 1 * MON</c> fires on
/// the 1st of every month and on every Monday. When only one is restricted, only that one applies.</para>
/// </remarks>
public sealed partial class CronExpression
{
    private const string FieldHelp =
        "expected 5 fields (minute hour day-of-month month day-of-week) or 6 fields (second minute hour day-of-month month day-of-week)";

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 0 1 1 *",
        ["@annually"] = "0 0 0 1 1 *",
        ["@monthly"] = "0 0 0 1 * *",
        ["@weekly"] = "0 0 0 * * 0",
        ["@daily"] = "0 0 0 * * *",
        ["@midnight"] = "0 0 0 * * *",
        ["@hourly"] = "0 0 * * * *",
    };

    private readonly string _expression;

    private CronExpression(string expression, CronField[] fields, bool hasSeconds)
    {
        _expression = expression;
        Second = fields[0];
        Minute = fields[1];
        Hour = fields[2];
        DayOfMonth = fields[3];
        Month = fields[4];
        DayOfWeek = fields[5];
        HasSeconds = hasSeconds;
    }

    /// <summary>True when the expression was written with a seconds field (6 fields, or a macro).</summary>
    public bool HasSeconds { get; }

    /// <summary>
    /// True when the second, minute or hour field uses '*' (e.g. <c>0 */30 * * * *</c>, <c>0 0 * * * *</c>). Such interval
    /// schedules keep firing through both passes of a repeated (fall-back) hour; others fire only in the first pass.
    /// </summary>
    public bool IsIntervalSchedule => Second.UsesStar || Minute.UsesStar || Hour.UsesStar;

    internal CronField Second { get; }

    internal CronField Minute { get; }

    internal CronField Hour { get; }

    internal CronField DayOfMonth { get; }

    internal CronField Month { get; }

    internal CronField DayOfWeek { get; }

    /// <summary>Parses a cron expression; throws <see cref="FormatException"/> naming the field, value and allowed range.</summary>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return TryParse(expression, out var result, out var error) ? result : throw new FormatException(error);
    }

    /// <summary>Parses a cron expression without throwing; <paramref name="error"/> explains a failure.</summary>
    public static bool TryParse(
        string? expression,
        [NotNullWhen(true)] out CronExpression? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = $"Cron expression is empty; {FieldHelp}, e.g. \"0 */5 * * * *\".";
            return false;
        }

        var text = expression.Trim();
        var body = text;
        if (text.StartsWith('@'))
        {
            if (!Macros.TryGetValue(text, out body))
            {
                error = $"Cron macro \"{text}\" is not supported; use one of {string.Join(", ", Macros.Keys)}.";
                return false;
            }
        }

        var parts = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            error = $"Cron expression \"{text}\" has {parts.Length} field{(parts.Length == 1 ? "" : "s")}; {FieldHelp}.";
            return false;
        }

        var hasSeconds = parts.Length == 6;
        var texts = hasSeconds ? parts : ["0", .. parts];
        CronFieldSpec[] specs =
        [
            CronFieldSpec.Second, CronFieldSpec.Minute, CronFieldSpec.Hour,
            CronFieldSpec.DayOfMonth, CronFieldSpec.Month, CronFieldSpec.DayOfWeek,
        ];
        var fields = new CronField[6];
        for (var i = 0; i < 6; i++)
        {
            if (!CronFieldParser.TryParse(texts[i], specs[i], out fields[i], out var problem))
            {
                error = $"Cron field '{specs[i].Name}' {problem} in \"{text}\"";
                return false;
            }
        }

        result = new CronExpression(text, fields, hasSeconds);
        error = null;
        return true;
    }

    /// <summary>Returns the expression exactly as it was parsed (trimmed).</summary>
    public override string ToString() => _expression;
}

using System.Globalization;

namespace DurableAgents.Schedules.Cron;

/// <summary>Parses the text of one cron field ("*/5", "1-3,7", "MON-FRI", ...) into a <see cref="CronField"/>.</summary>
internal static class CronFieldParser
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> describes what is wrong (without the field prefix).</summary>
    public static bool TryParse(string text, CronFieldSpec spec, out CronField field, out string? problem)
    {
        field = default;
        if (text is "*" || (text is "?" && spec.AllowsQuestionMark))
        {
            field = new CronField(RangeMask(spec.Min, spec.StarMax, 1), isUnrestricted: true, usesStar: text is "*");
            problem = null;
            return true;
        }

        ulong mask = 0;
        var usesStar = false;
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                problem = $"has an empty list item in '{text}'; remove the extra comma";
                return false;
            }

            if (!TryParseItem(item, spec, out var itemMask, out problem))
            {
                return false;
            }

            mask |= itemMask;
            usesStar |= item.StartsWith('*');
        }

        // Day-of-week 7 is Sunday: fold bit 7 onto bit 0 so matching only needs 0-6.
        if (ReferenceEquals(spec, CronFieldSpec.DayOfWeek) && (mask & (1UL << 7)) != 0)
        {
            mask = (mask & ~(1UL << 7)) | 1UL;
        }

        field = new CronField(mask, isUnrestricted: false, usesStar);
        problem = null;
        return true;
    }

    private static bool TryParseItem(string item, CronFieldSpec spec, out ulong mask, out string? problem)
    {
        mask = 0;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var rangeText = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0 && !TryParseStep(item[(slash + 1)..], spec, out step, out problem))
        {
            return false;
        }

        int low, high;
        if (rangeText is "*")
        {
            (low, high) = (spec.Min, spec.StarMax);
        }
        else if (rangeText is "?")
        {
            problem = spec.AllowsQuestionMark
                ? "cannot combine '?' with other values; use '?' on its own"
                : "uses '?', which is only allowed in day-of-month and day-of-week; use '*'";
            return false;
        }
        else
        {
            var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryParseValue(rangeText, spec, out low, out problem))
                {
                    return false;
                }

                // "a/n" means "from a to the end of the range, every n"; a bare "a" is just a.
                high = slash >= 0 ? Math.Max(low, spec.StarMax) : low;
            }
            else
            {
                if (!TryParseValue(rangeText[..dash], spec, out low, out problem) ||
                    !TryParseValue(rangeText[(dash + 1)..], spec, out high, out problem))
                {
                    return false;
                }

                if (low > high)
                {
                    problem = $"range {rangeText} is reversed; write the smaller value first ({rangeText[(dash + 1)..]}-{rangeText[..dash]})";
                    return false;
                }
            }
        }

        mask = RangeMask(low, high, step);
        problem = null;
        return true;
    }

    private static bool TryParseStep(string text, CronFieldSpec spec, out int step, out string? problem)
    {
        var maxStep = spec.StarMax - spec.Min + 1;
        step = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            problem = $"step '{text}' is not a positive whole number; write e.g. '*/5'";
            return false;
        }

        if (text.Length > 9 || (step = int.Parse(text, CultureInfo.InvariantCulture)) < 1 || step > maxStep)
        {
            problem = $"step {text} is out of range 1-{maxStep}";
            return false;
        }

        problem = null;
        return true;
    }

    private static bool TryParseValue(string text, CronFieldSpec spec, out int value, out string? problem)
    {
        value = 0;
        problem = null;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (text.Length > 9 || (value = int.Parse(text, CultureInfo.InvariantCulture)) < spec.Min || value > spec.Max)
            {
                problem = $"value {text} is out of range {spec.RangeText}";
                return false;
            }

            return true;
        }

        if (spec.Names is not null)
        {
            var index = Array.FindIndex(spec.Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + spec.NameBase;
                return true;
            }
        }

        problem = DescribeBadValue(text, spec);
        return false;
    }

    private static string DescribeBadValue(string text, CronFieldSpec spec)
    {
        if (text.Length == 0)
        {
            return "has a range or step with a missing value; write e.g. '1-5' or '*/5'";
        }

        if (spec.AllowsQuestionMark && IsQuartzSpecial(text.ToUpperInvariant(), out var symbol))
        {
            return $"uses '{symbol}' in '{text}', which is not supported (L, W and # are not supported); list the days explicitly";
        }

        return spec.Names is null
            ? $"value '{text}' is not a number; allowed values are {spec.RangeText}"
            : $"value '{text}' is not a number or name; allowed values are {spec.RangeText}";
    }

    // Quartz-style specials: L, 5L, L-3, 15W, LW, 6#3.
    private static bool IsQuartzSpecial(string text, out char symbol)
    {
        symbol = text.Contains('#', StringComparison.Ordinal) ? '#'
            : text == "LW" ? 'L'
            : text.StartsWith('L') && (text.Length == 1 || text[1] == '-') ? 'L'
            : text.Length > 1 && text[..^1].All(char.IsAsciiDigit) && text[^1] is 'L' or 'W' ? text[^1]
            : '\0';
        return symbol != '\0';
    }

    private static ulong RangeMask(int low, int high, int step)
    {
        ulong mask = 0;
        for (var v = low; v <= high; v += step)
        {
            mask |= 1UL << v;
        }

        return mask;
    }
}

using System.Text.RegularExpressions;

namespace DurableAgents.Models;

/// <summary>Structure in a request: time zones, labelled lines ("Goal: ..."), the material block a writer works from, URLs.</summary>
internal static partial class GoalText
{
    /// <summary>The first IANA time zone id ("Europe/Paris", "America/Argentina/Buenos_Aires") or UTC named in the text, or null.</summary>
    public static string? TimeZone(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = TimeZonePattern().Match(text);
        return match.Success ? match.Value : null;
    }

    /// <summary>The value of the last line "<paramref name="label"/>: value" in the text (case-insensitive), or null.</summary>
    public static string? Labelled(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? value = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(label + ":", StringComparison.OrdinalIgnoreCase))
            {
                value = trimmed[(label.Length + 1)..].Trim();
            }
        }

        return value;
    }

    /// <summary>Every line "<paramref name="label"/>: value" in the text, in order.</summary>
    public static List<string> AllLabelled(string text, string label) =>
        text.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith(label + ":", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(label.Length + 1)..].Trim())
            .ToList();

    /// <summary>The first line of the text, without a trailing colon.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.TrimStart().Split('\n')[0].Trim();
        return line.TrimEnd(':').Trim();
    }

    /// <summary>
    /// The material a request hands over to work from: the lines after its first line that ends with a colon ("Research notes:",
    /// "Draft:"), or an empty list when there is none.
    /// </summary>
    public static List<string> Material(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd().EndsWith(':') && l.Trim().Length > 1);
        return start < 0
            ? []
            : lines.Skip(start + 1).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.EndsWith(':')).ToList();
    }

    /// <summary>Every http(s) URL in the text, in order, without repeats.</summary>
    public static List<string> Urls(string text) =>
        UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?', '"', '\'')).Distinct().ToList();

    /// <summary>The text with its URLs (and the parentheses around them) removed.</summary>
    public static string WithoutUrls(string text) => WhitespacePattern().Replace(BracketedUrlPattern().Replace(text, ""), " ").Trim();

    /// <summary>The text without a leading "a short note on" (note, piece, report, summary, lesson, article, overview; on or about).</summary>
    public static string WithoutPieceWords(string text) => PieceWordsPattern().Replace(text, "").Trim();

    [GeneratedRegex(@"^(?:an?\s+)?(?:short\s+|brief\s+)?(?:note|piece|report|summary|lesson|article|overview)\s+(?:on|about)\s+(?:the\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex PieceWordsPattern();

    [GeneratedRegex(@"\b(?:(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_+\-0-9]+(?:/[A-Za-z_]+)?|UTC)\b")]
    private static partial Regex TimeZonePattern();

    [GeneratedRegex(@"\s*[(\[]?\s*https?://[^\s""'<>()\[\]]+\s*[)\]]?")]
    private static partial Regex BracketedUrlPattern();
}

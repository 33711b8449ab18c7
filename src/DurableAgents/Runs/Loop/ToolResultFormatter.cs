using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// Turns tool output into data the model sees inside delimiters: control characters removed, delimiter look-alikes
/// neutralised, cut to the cap with a marker. Tool output never reaches the runtime as anything but this text.
/// </summary>
public static partial class ToolResultFormatter
{
    /// <summary>The opening delimiter's tag name.</summary>
    public const string Tag = "tool_result";

    /// <summary>The start of the marker appended when a result is cut.</summary>
    public const string TruncationMarker = "[truncated by the runtime:";

    /// <summary>Removes control characters (keeping newline and tab) and neutralises the delimiter tag.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else if (c == '\r')
            {
                continue;
            }
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        // A result must not be able to close its own delimiter and speak outside it.
        return builder.ToString()
            .Replace("<" + Tag, "<\u2039" + Tag, StringComparison.OrdinalIgnoreCase)
            .Replace("</" + Tag, "<\u2039/" + Tag, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxChars"/> with a marker saying how much was dropped.</summary>
    public static string Truncate(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxChars < 0 || text.Length <= maxChars)
        {
            return text;
        }

        return text[..maxChars] + $"\n{TruncationMarker} {maxChars} of {text.Length} characters shown]";
    }

    /// <summary>The text the model sees: sanitised, cut, and wrapped in delimiters naming the tool and status.</summary>
    public static string Format(string tool, string status, string text, int maxChars)
    {
        var body = Truncate(Sanitize(text), maxChars);
        return $"<{Tag} tool=\"{Attribute(tool)}\" status=\"{Attribute(status)}\">\n{body}\n</{Tag}>";
    }

    /// <summary>The first <paramref name="chars"/> characters, for records and previews.</summary>
    public static string Preview(string text, int chars = 160) =>
        text.Length <= chars ? text : text[..chars] + "...";

    /// <summary>Reads a result in the delimited form back into its tool, status and body; false for any other text.</summary>
    public static bool TryUnwrap(string formatted, out string tool, out string status, out string body)
    {
        ArgumentNullException.ThrowIfNull(formatted);
        var match = Delimited().Match(formatted);
        (tool, status, body) = match.Success
            ? (match.Groups["tool"].Value, match.Groups["status"].Value, match.Groups["body"].Value)
            : ("", "", formatted);
        return match.Success;
    }

    [GeneratedRegex("""\A<tool_result tool="(?<tool>[^"]*)" status="(?<status>[^"]*)">\n(?<body>.*)\n</tool_result>\z""", RegexOptions.Singleline)]
    private static partial Regex Delimited();

    private static string Attribute(string value) =>
        new(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(64).ToArray());
}

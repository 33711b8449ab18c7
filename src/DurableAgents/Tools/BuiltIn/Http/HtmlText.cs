using System.Net;
using System.Text.RegularExpressions;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// Reduces HTML to readable text, roughly: drops scripts, styles and comments, turns block tags into line
/// breaks, strips the other tags and decodes entities. Non-backtracking regexes keep it linear on hostile input.
/// </summary>
internal static class HtmlText
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex[] Hidden =
    [
        new("<!--.*?-->", Options | RegexOptions.Singleline),
        new(@"<script[\s>].*?</script\s*>", Options | RegexOptions.Singleline),
        new(@"<style[\s>].*?</style\s*>", Options | RegexOptions.Singleline),
        new(@"<noscript[\s>].*?</noscript\s*>", Options | RegexOptions.Singleline),
        new(@"<template[\s>].*?</template\s*>", Options | RegexOptions.Singleline),
    ];

    private static readonly Regex BlockTag = new(
        @"</?(p|div|br|hr|li|tr|h[1-6]|title|section|article|header|footer|nav|main|table|ul|ol|pre|blockquote|dt|dd)(\s[^>]*)?/?>",
        Options);

    private static readonly Regex AnyTag = new("<[^>]*>", Options);
    private static readonly Regex Spaces = new(@"[ \t\f\v\u00a0]+", Options);
    private static readonly Regex BlankLines = new(@"\n[ \t]*(\n[ \t]*)+", Options);

    /// <summary>Returns the visible text of an HTML document.</summary>
    public static string ToText(string html)
    {
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var hidden in Hidden)
        {
            text = hidden.Replace(text, " ");
        }

        text = BlockTag.Replace(text, "\n");
        text = AnyTag.Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        text = Spaces.Replace(text, " ");
        text = BlankLines.Replace(text, "\n\n");
        var lines = text.Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }
}

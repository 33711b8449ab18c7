using System.Globalization;
using System.Text.RegularExpressions;

namespace DurableAgents.Models;

/// <summary>Cheap, deterministic text analysis of a goal for the offline planner: keywords, clauses, expressions, URLs, files, numbers.</summary>
internal static partial class GoalText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "from", "into", "then", "what", "which", "when", "where", "who",
        "how", "are", "was", "were", "you", "your", "please", "can", "could", "would", "should", "will", "all", "any",
        "its", "it's", "give", "tell", "about", "some", "out", "use", "using", "also", "our", "their", "them", "have",
        "has", "had", "not", "but", "there", "here", "via", "onto", "one", "two", "get", "let", "make", "need", "want",
        "a", "an", "to", "of", "in", "on", "is", "be", "as", "by", "at", "or", "if", "it", "me", "my", "we", "do",
        "given", "returns", "return", "tool", "function", "value", "values", "result", "results", "string",
    };

    private static readonly string[] LeadingVerbs =
    [
        "please", "search for", "search", "look up", "lookup", "find out", "find", "calculate", "compute", "evaluate",
        "work out", "fetch", "get", "read", "check", "tell me", "what is", "what's", "and", "then", "also", "write", "draft", "compose",
    ];

    /// <summary>Lower-case content words (three letters or more, no stop words), in order of appearance, without repeats.</summary>
    public static List<string> Keywords(string text)
    {
        var words = new List<string>();
        foreach (Match match in WordPattern().Matches(SplitCamelCase(text)))
        {
            var word = match.Value.ToLowerInvariant();
            if (word.Length >= 3 && !StopWords.Contains(word) && !words.Contains(word))
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>Splits an identifier such as read_file, fetchUrl or web-search into lower-case words.</summary>
    public static List<string> IdentifierWords(string identifier) =>
        [.. NonLetterPattern().Split(SplitCamelCase(identifier).ToLowerInvariant()).Where(w => w.Length > 0)];

    /// <summary>Two words match when equal, or when both are long and share a five-letter stem (calculate ~ calculator).</summary>
    public static bool WordsMatch(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        const int stem = 5;
        return a.Length >= stem && b.Length >= stem && string.CompareOrdinal(a, 0, b, 0, stem) == 0;
    }

    /// <summary>Splits a goal into clauses at sentence punctuation and at "and"/"then" joins.</summary>
    public static List<string> Clauses(string text)
    {
        // Protect URLs (not the punctuation after them) and decimals from the split on '.' and ','.
        var protectedText = UrlPattern().Replace(text, m =>
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?');
            return url.Replace('.', '\u0001').Replace(',', '\u0002') + m.Value[url.Length..];
        });
        return ClauseSplitPattern().Split(protectedText)
            .Select(c => c.Replace('\u0001', '.').Replace('\u0002', ',').Trim().TrimEnd(',', ';').Trim())
            .Where(c => c.Length > 0)
            .ToList();
    }

    /// <summary>Removes leading verbs such as "search for" or "please" so the rest can be used as a query.</summary>
    public static string StripLeadingVerbs(string clause)
    {
        var result = clause.Trim();
        bool changed;
        do
        {
            changed = false;
            foreach (var verb in LeadingVerbs)
            {
                if (result.StartsWith(verb + " ", StringComparison.OrdinalIgnoreCase))
                {
                    result = result[(verb.Length + 1)..].TrimStart();
                    changed = true;
                }
            }
        }
        while (changed);

        return result.TrimEnd('.', '?', '!', ',', ';', ':').Trim();
    }

    /// <summary>The first http(s) URL in the text, without trailing punctuation, or null.</summary>
    public static string? Url(string text)
    {
        var match = UrlPattern().Match(text);
        return match.Success ? match.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?', '"', '\'') : null;
    }

    /// <summary>The first file name with a common document extension in the text, or null.</summary>
    public static string? FileName(string text)
    {
        var withoutUrls = UrlPattern().Replace(text, " ");
        var match = FilePattern().Match(withoutUrls);
        return match.Success ? match.Value : null;
    }

    /// <summary>The first e-mail address in the text, or null.</summary>
    public static string? Email(string text)
    {
        var match = EmailPattern().Match(text);
        return match.Success ? match.Value : null;
    }

    /// <summary>The last run of capitalised words that does not start the text (a place or a name), or null.</summary>
    public static string? ProperNoun(string text)
    {
        string? last = null;
        foreach (Match match in ProperNounPattern().Matches(text))
        {
            if (match.Index > 0)
            {
                last = match.Value;
            }
        }

        return last;
    }

    /// <summary>All numbers in the text, in order.</summary>
    public static List<double> Numbers(string text) =>
        NumberPattern().Matches(EmailPattern().Replace(UrlPattern().Replace(text, " "), " "))
            .Select(m => double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>Shortens text to at most <paramref name="max"/> characters, marking the cut.</summary>
    public static string Truncate(string text, int max)
    {
        var flat = WhitespacePattern().Replace(text, " ").Trim();
        return flat.Length <= max ? flat : flat[..Math.Max(0, max - 3)] + "...";
    }

    private static string SplitCamelCase(string text) => CamelCasePattern().Replace(text, "$1 $2");

    [GeneratedRegex(@"[A-Za-z][A-Za-z']*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"([a-z])([A-Z])")]
    private static partial Regex CamelCasePattern();

    [GeneratedRegex(@"(?:[.;!?]\s+|[.;!?]$|,\s*(?:and\s+|then\s+)?|\s+(?:and then|and|then)\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseSplitPattern();

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[\w\-./]*\w\.(?:md|txt|json|csv|html|xml|ya?ml|log|pdf)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FilePattern();

    [GeneratedRegex(@"(?<![\w.])-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")]
    private static partial Regex ProperNounPattern();

    [GeneratedRegex(@"[^a-z]+")]
    private static partial Regex NonLetterPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}

using System.Text.RegularExpressions;

namespace DurableAgents.Memory;

/// <summary>Content-word stems of a text, for the offline embedding: lower case, stop words dropped, common suffixes cut.</summary>
internal static partial class TextStems
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "from", "into", "then", "what", "which", "when", "where", "who", "how", "are",
        "was", "were", "you", "your", "please", "can", "could", "would", "should", "will", "all", "any", "its", "about", "some",
        "out", "also", "our", "their", "them", "have", "has", "had", "not", "but", "there", "here", "via", "one", "get", "let",
        "make", "need", "want", "to", "of", "in", "on", "is", "be", "as", "by", "at", "or", "if", "it", "me", "my", "we", "do",
        "an", "a", "so", "up", "than", "after", "before", "now", "just", "they", "these", "those", "it's",
    };

    private static readonly string[] Suffixes = ["ing", "ers", "ies", "ed", "es", "er", "ly", "s"];

    /// <summary>The stems in order of appearance (repeats kept: a word said twice weighs more).</summary>
    public static List<string> Of(string text)
    {
        var stems = new List<string>();
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value;
            if (word.Length < 2 || StopWords.Contains(word))
            {
                continue;
            }

            stems.Add(Stem(word));
        }

        return stems;
    }

    private static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        return word.Length > 6 ? word[..6] : word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

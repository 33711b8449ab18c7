using System.Text.RegularExpressions;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Models;

/// <summary>Arithmetic in a goal: whole expressions, function calls included, checked with the calculator's own parser.</summary>
internal static partial class GoalText
{
    /// <summary>
    /// The longest arithmetic expression in the text that the calculator can parse (numbers, operators, parentheses, its
    /// functions and pi), or null. "What is (2+3)*4 ^ 2 / sqrt(16)?" gives the whole "(2+3)*4 ^ 2 / sqrt(16)".
    /// </summary>
    public static string? Expression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? best = null;
        foreach (Match match in ExpressionRunPattern().Matches(text))
        {
            // A run may join two expressions with a comma ("2+2, then 3*4"); each piece is tried too.
            foreach (var candidate in Pieces(match.Value))
            {
                if (IsArithmetic(candidate) && (best is null || candidate.Length > best.Length))
                {
                    best = candidate;
                }
            }
        }

        return best;
    }

    private static IEnumerable<string> Pieces(string run)
    {
        yield return Tidy(run);
        foreach (var piece in run.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Tidy(piece);
        }
    }

    /// <summary>Trims spaces, trailing punctuation and parentheses that have no partner inside the candidate.</summary>
    private static string Tidy(string candidate)
    {
        var text = candidate.Trim().TrimEnd('.', ',', ';').Trim();
        while (text.Length > 0 && text[^1] == '(')
        {
            text = text[..^1].TrimEnd();
        }

        while (text.Length > 0 && text[0] == ')')
        {
            text = text[1..].TrimStart();
        }

        var open = text.Count(c => c == '(') - text.Count(c => c == ')');
        for (; open > 0 && text.StartsWith('('); open--)
        {
            text = text[1..].TrimStart();
        }

        for (; open < 0 && text.EndsWith(')'); open++)
        {
            text = text[..^1].TrimEnd();
        }

        return text;
    }

    private static bool IsArithmetic(string candidate)
    {
        if (candidate.Length < 3 || DatePattern().IsMatch(candidate) || !(OperatorPattern().IsMatch(candidate) || CallPattern().IsMatch(candidate)))
        {
            return false;
        }

        try
        {
            Parser.Parse(candidate);
            return true;
        }
        catch (CalculatorException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?:\b(?:sqrt|abs|floor|ceil|ln|log10|exp|sin|cos|tan|min|max|round|pi)\b|\d+(?:\.\d+)?|[-+*/%^(),]|(?<=\d)\.(?=\d)|[ \t])+", RegexOptions.IgnoreCase)]
    private static partial Regex ExpressionRunPattern();

    [GeneratedRegex(@"[\d)a-z]\s*[-+*/%^]\s*[\d(a-z.]", RegexOptions.IgnoreCase)]
    private static partial Regex OperatorPattern();

    [GeneratedRegex(@"\b(?:sqrt|abs|floor|ceil|ln|log10|exp|sin|cos|tan|min|max|round)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}$")]
    private static partial Regex DatePattern();
}

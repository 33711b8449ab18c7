using System.ComponentModel;

namespace DurableAgents.Samples;

/// <summary>
/// The supervisor team's editorial checklist, as a tool the reviewer calls: a draft needs a title, some content, and a Sources line
/// that lists where its facts come from. Deterministic, so a reviewer's verdict can be checked.
/// </summary>
public static class DraftChecker
{
    /// <summary>check_draft: APPROVED, or REJECTED with what to fix.</summary>
    [Description("Checks a draft against the editorial checklist (a title, content, a Sources line with URLs) and answers APPROVED or REJECTED with what to fix.")]
    public static string CheckDraft([Description("The whole draft, as written.")] string draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var lines = draft.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var problems = new List<string>();
        if (!lines.Any(l => l.Contains('#', StringComparison.Ordinal)))
        {
            problems.Add("it has no title line (# Title)");
        }

        if (lines.Count(l => l.StartsWith('-') || l.Length > 60) < 1)
        {
            problems.Add("it has no content");
        }

        if (!lines.Any(l => l.StartsWith("Sources:", StringComparison.OrdinalIgnoreCase) && l.Contains("http", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("it has no 'Sources:' line listing the research URLs; add one");
        }

        return problems.Count == 0
            ? "APPROVED: the draft has a title, content and its sources."
            : $"REJECTED: {string.Join("; ", problems)}.";
    }
}

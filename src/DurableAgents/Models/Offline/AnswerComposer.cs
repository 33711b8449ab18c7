using System.Text;

namespace DurableAgents.Models;

/// <summary>
/// Writes the offline planner's texts: an answer that quotes each tool result in a sentence, a document for a write tool, and a
/// draft built from the material a request hands over (notes, an earlier draft), with a Sources line when the request asks for one.
/// </summary>
internal static class AnswerComposer
{
    private static readonly string[] SourceWords = ["source", "sources", "cite", "citation", "citations", "reference", "references"];

    /// <summary>The final answer (without the label).</summary>
    public static string Answer(ConversationView view)
    {
        // A call to a tool that does not exist, or with arguments that did not parse, was the model's slip, not a finding: it is left
        // out once other calls have results.
        var results = view.ResultsSinceGoal.Where(r => r.Status is not ("unknown-tool" or "invalid-arguments")).ToList();
        if (results.Count == 0)
        {
            results = view.ResultsSinceGoal;
        }

        if (results.Count > 0)
        {
            return string.Join('\n', results.Select(ResultRenderer.Render));
        }

        var material = GoalText.Material(view.Goal);
        return material.Count > 0
            ? Draft(view.Goal, material, [])
            : $"No tool matched this request, so nothing was looked up or computed. The request was: {GoalText.Truncate(view.Goal, 300)}";
    }

    /// <summary>The content handed to a write tool: the material of the request when it has some, then what the tools found.</summary>
    public static string Document(ConversationView view)
    {
        var material = GoalText.Material(view.Goal);
        var found = view.ResultsSinceGoal.Select(ResultRenderer.Render).ToList();
        if (material.Count > 0)
        {
            return Draft(view.Goal, material, found);
        }

        var builder = new StringBuilder($"# {Title(view.Goal)}\n\n_Compiled by the offline deterministic planner, not a language model._\n\n");
        builder.Append(found.Count == 0 ? "No information was gathered." : string.Join("\n\n", found));
        return builder.Append('\n').ToString();
    }

    /// <summary>A Markdown draft: a title from the request, one bullet per line of material, and the sources when asked for.</summary>
    public static string Draft(string request, IReadOnlyList<string> material, IReadOnlyList<string> extra)
    {
        var lines = material.Select(ResultRenderer.StripLabel)
            .Where(l => !l.StartsWith('#') && !l.StartsWith("Sources:", StringComparison.OrdinalIgnoreCase) && !l.StartsWith('_'))
            .Select(l => GoalText.WithoutUrls(l.TrimStart('-', '*', ' ').TrimStart("0123456789.".ToCharArray()).Trim()))
            .Where(l => l.Length > 0)
            .Distinct()
            .ToList();
        var builder = new StringBuilder($"# {Title(request)}\n\n");
        foreach (var line in lines.Concat(extra))
        {
            builder.Append("- ").Append(line).Append('\n');
        }

        // Corrections a human sent back are carried into the revision, where the reviewer will look for them.
        if (GoalText.Labelled(request, "Human corrections") is { Length: > 0 } corrections && !corrections.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            builder.Append("- Correction from the reviewer: ").Append(corrections).Append('\n');
        }

        var words = GoalText.Keywords(request);
        var sources = GoalText.Urls(string.Join('\n', material));
        if (sources.Count > 0 && words.Any(w => SourceWords.Contains(w)))
        {
            builder.Append("\nSources: ").Append(string.Join(", ", sources)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A short title: the request's topic (its "Topic:" or "Goal:" line, else its first line) without leading verbs or "a note on".</summary>
    public static string Title(string request)
    {
        var line = GoalText.Labelled(request, "Topic") ?? GoalText.Labelled(request, "Goal") ?? GoalText.FirstLine(request);
        var topic = GoalText.WithoutPieceWords(GoalText.StripLeadingVerbs(line));
        return GoalText.Truncate(topic.Length == 0 ? "Notes" : char.ToUpperInvariant(topic[0]) + topic[1..], 90);
    }
}

using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>One tool call the offline planner decided to make.</summary>
internal sealed record PlannedCall(string ToolName, Dictionary<string, object?> Arguments);

/// <summary>The offline planner's decision: tool calls to make now, or (when <see cref="Calls"/> is empty) the final answer.</summary>
internal sealed record OfflinePlan(IReadOnlyList<PlannedCall> Calls, string Answer);

/// <summary>
/// A staged, deterministic plan: first the read-only tools that match the goal (in parallel), then the side-effecting ones
/// (such as a write tool when the goal asks to save a report) with what was gathered, then an answer.
/// </summary>
internal static class OfflinePlanner
{
    private const int ResultPreviewLength = 300;
    private static readonly string[] WriteIntentStems = ["writ", "save", "saving", "stor", "persist", "record"];

    public static OfflinePlan Plan(ConversationView view, List<ToolProfile> tools, ChatToolMode? mode)
    {
        if (mode is RequiredChatToolMode { RequiredFunctionName: { } only })
        {
            tools = tools.Where(t => t.Name == only).ToList();
        }

        if (mode is NoneChatToolMode || tools.Count == 0)
        {
            return Answer(view);
        }

        var goalWords = GoalText.Keywords(view.Goal);
        var matched = tools.Where(t => Matches(t, view.Goal, goalWords)).ToList();
        var gatherTools = matched.Where(t => !t.IsSideEffecting).ToList();
        var actTools = matched.Where(t => t.IsSideEffecting).ToList();
        if (HasWriteIntent(view.Goal) && tools.FirstOrDefault(t => t.IsWriter) is { } writer && !actTools.Contains(writer))
        {
            actTools.Add(writer);
        }

        var fallback = gatherTools.Count == 0 && actTools.Count == 0;
        if (fallback)
        {
            // Nothing matched: the first read-only-looking tool that can be called with this goal will do.
            gatherTools = [.. tools.Where(t => t.LooksReadOnly), .. tools.Where(t => !t.IsSideEffecting && !t.LooksReadOnly)];
        }

        if (view.CallsSinceGoal.Count == 0)
        {
            var gather = Build(gatherTools, view, gathered: string.Empty, firstOnly: fallback);
            if (gather.Count > 0)
            {
                return new OfflinePlan(gather, string.Empty);
            }
        }

        var alreadyActed = view.CallsSinceGoal.Any(c => tools.FirstOrDefault(t => t.Name == c.Name)?.IsSideEffecting == true);
        if (!alreadyActed)
        {
            var act = Build(actTools, view, gathered: Report(view));
            if (act.Count > 0)
            {
                return new OfflinePlan(act, string.Empty);
            }
        }

        return Answer(view);
    }

    private static List<PlannedCall> Build(List<ToolProfile> tools, ConversationView view, string gathered, bool firstOnly = false)
    {
        var calls = new List<PlannedCall>();
        var signatures = new HashSet<string>(view.AllCallSignatures, StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var arguments = ArgumentSynthesizer.Synthesize(tool, view.Goal, BestClause(tool, view.Goal), gathered);
            if (arguments is not null && signatures.Add(ConversationView.Signature(tool.Name, arguments)))
            {
                calls.Add(new PlannedCall(tool.Name, arguments));
                if (firstOnly)
                {
                    break;
                }
            }
        }

        return calls;
    }

    private static bool Matches(ToolProfile tool, string goal, List<string> goalWords)
    {
        if (goalWords.Any(g => tool.Keywords.Any(k => GoalText.WordsMatch(g, k))))
        {
            return true;
        }

        return (tool.HasProperty("expression", "expr", "formula", "equation") && GoalText.Expression(goal) is not null)
            || (tool.HasProperty("url", "uri", "link") && GoalText.Url(goal) is not null);
    }

    private static bool HasWriteIntent(string goal) =>
        GoalText.Keywords(goal).Any(w => WriteIntentStems.Any(s => w.StartsWith(s, StringComparison.Ordinal)));

    /// <summary>The clause of the goal that talks most about this tool (the whole goal when none does).</summary>
    private static string BestClause(ToolProfile tool, string goal)
    {
        var best = goal;
        var bestScore = 0;
        foreach (var clause in GoalText.Clauses(goal))
        {
            var score = GoalText.Keywords(clause).Count(w => tool.Keywords.Any(k => GoalText.WordsMatch(w, k)));
            if (tool.HasProperty("expression", "expr", "formula", "equation") && GoalText.Expression(clause) is not null)
            {
                score += 2;
            }

            if (tool.HasProperty("url", "uri", "link") && GoalText.Url(clause) is not null)
            {
                score += 2;
            }

            if (score > bestScore)
            {
                (best, bestScore) = (clause, score);
            }
        }

        return best;
    }

    /// <summary>The content handed to a write tool: the goal and each gathered result, labelled as the planner's work.</summary>
    private static string Report(ConversationView view)
    {
        var lines = new List<string>
        {
            "# Report (compiled by the offline deterministic planner, not a language model)",
            string.Empty,
            $"Goal: {GoalText.Truncate(view.Goal, 500)}",
            string.Empty,
        };
        lines.AddRange(view.ResultsSinceGoal.Count == 0
            ? ["No information was gathered."]
            : view.ResultsSinceGoal.Select(r => $"- {r.ToolName}: {GoalText.Truncate(r.Text, ResultPreviewLength)}"));
        return string.Join('\n', lines);
    }

    private static OfflinePlan Answer(ConversationView view)
    {
        var lines = new List<string> { $"{OfflineChatClient.Label}Goal: {GoalText.Truncate(view.Goal, 500)}" };
        if (view.ResultsSinceGoal.Count == 0)
        {
            lines.Add("No tool matched this goal, so nothing was looked up or computed.");
        }
        else
        {
            lines.Add("Tool results:");
            lines.AddRange(view.ResultsSinceGoal.Select(r => $"- {r.ToolName}: {GoalText.Truncate(r.Text, ResultPreviewLength)}"));
        }

        return new OfflinePlan([], string.Join('\n', lines));
    }
}

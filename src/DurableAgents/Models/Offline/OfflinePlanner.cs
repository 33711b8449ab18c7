using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>One tool call the offline planner decided to make.</summary>
internal sealed record PlannedCall(string ToolName, Dictionary<string, object?> Arguments);

/// <summary>The offline planner's decision: tool calls to make now, or (when <see cref="Calls"/> is empty) the final answer.</summary>
internal sealed record OfflinePlan(IReadOnlyList<PlannedCall> Calls, string Answer);

/// <summary>
/// A staged, deterministic plan: first the read-only tools that match the goal (in parallel); a call the runtime refused as
/// invalid is made once more with its numbers fitted to the schema; after a failure an escalation tool (one named like
/// escalate_to_human) is called with what failed; then the side-effecting tools (such as a write tool when the goal asks to
/// write or save) with what was gathered; then an answer that quotes the results.
/// </summary>
internal static class OfflinePlanner
{
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

        var escalation = tools.FirstOrDefault(t => t.IsEscalation);
        tools = tools.Where(t => !t.IsEscalation).ToList();
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

        // Calls to tools that do not exist for this agent did nothing: the gathering still has to happen, with the tools it has.
        var nothingRan = view.ResultsSinceGoal.All(r => r.Status == "unknown-tool") && view.CallsSinceGoal.Count == view.ResultsSinceGoal.Count;
        if (nothingRan && Build(gatherTools, view, gathered: string.Empty, firstOnly: fallback) is { Count: > 0 } gather)
        {
            return new OfflinePlan(gather, string.Empty);
        }

        if (Corrections(view, tools) is { Count: > 0 } corrected)
        {
            return new OfflinePlan(corrected, string.Empty);
        }

        if (escalation is not null && Escalate(view, escalation) is { } escalate)
        {
            return new OfflinePlan([escalate], string.Empty);
        }

        var alreadyActed = view.CallsSinceGoal.Any(c => tools.FirstOrDefault(t => t.Name == c.Name)?.IsSideEffecting == true);
        if (!alreadyActed && Build(actTools, view, gathered: AnswerComposer.Document(view)) is { Count: > 0 } act)
        {
            return new OfflinePlan(act, string.Empty);
        }

        return Answer(view);
    }

    /// <summary>Points for schema hints a clause satisfies: an expression for an expression parameter, a URL for a URL one.</summary>
    internal static int HintScore(ToolProfile tool, string clause)
    {
        var score = 0;
        if (tool.HasProperty("expression", "expr", "formula", "equation") && GoalText.Expression(clause) is not null)
        {
            score += 2;
        }

        if (tool.HasProperty("url", "uri", "link") && GoalText.Url(clause) is not null)
        {
            score += 2;
        }

        if (tool.HasProperty("timeZone", "time_zone", "timezone", "tz") && GoalText.TimeZone(clause) is not null)
        {
            score += 2;
        }

        return score;
    }

    private static List<PlannedCall> Build(List<ToolProfile> tools, ConversationView view, string gathered, bool firstOnly = false, bool fitToSchema = false)
    {
        var calls = new List<PlannedCall>();
        var signatures = new HashSet<string>(view.AllCallSignatures, StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var arguments = ArgumentSynthesizer.Synthesize(tool, view.Goal, BestClause(tool, view.Goal), gathered, fitToSchema);
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

    /// <summary>The calls the runtime refused as invalid, made once more with numbers fitted into the schema's bounds.</summary>
    private static List<PlannedCall> Corrections(ConversationView view, List<ToolProfile> tools)
    {
        var invalid = view.ResultsSinceGoal.Where(r => r.Status == "invalid-arguments").Select(r => r.ToolName).Distinct().ToList();
        var retried = view.ResultsSinceGoal.Where(r => r.Status != "invalid-arguments").Select(r => r.ToolName).ToHashSet();
        var fix = tools.Where(t => invalid.Contains(t.Name) && !retried.Contains(t.Name)).ToList();
        return fix.Count == 0 ? [] : Build(fix, view, AnswerComposer.Document(view), fitToSchema: true);
    }

    /// <summary>An escalation after a failed call, once per goal: what failed and what was tried, for a human.</summary>
    private static PlannedCall? Escalate(ConversationView view, ToolProfile escalation)
    {
        var failures = view.ResultsSinceGoal.Where(r => !r.Succeeded && r.Status != "loop-warning").ToList();
        if (failures.Count == 0 || view.CallsSinceGoal.Any(c => c.Name == escalation.Name))
        {
            return null;
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, _) in escalation.Properties)
        {
            arguments[name] = System.Text.Json.JsonSerializer.SerializeToElement(name.ToLowerInvariant() switch
            {
                "reason" or "why" => string.Join(" ", failures.Select(f => GoalText.Truncate(ResultRenderer.Render(f), 300))),
                _ => string.Join("; ", view.ResultsSinceGoal.Select(r => $"{r.ToolName} ({r.Status})")),
            });
        }

        return new PlannedCall(escalation.Name, arguments);
    }

    private static bool Matches(ToolProfile tool, string goal, List<string> goalWords) =>
        goalWords.Any(g => tool.Keywords.Any(k => GoalText.WordsMatch(g, k))) || HintScore(tool, goal) > 0;

    private static bool HasWriteIntent(string goal) =>
        GoalText.Keywords(goal).Any(w => WriteIntentStems.Any(s => w.StartsWith(s, StringComparison.Ordinal)));

    /// <summary>The clause of the goal that talks most about this tool (the whole goal when none does).</summary>
    private static string BestClause(ToolProfile tool, string goal)
    {
        var best = goal;
        var bestScore = 0;
        foreach (var clause in GoalText.Clauses(goal))
        {
            var score = GoalText.Keywords(clause).Count(w => tool.Keywords.Any(k => GoalText.WordsMatch(w, k))) + HintScore(tool, clause);
            if (score > bestScore)
            {
                (best, bestScore) = (clause, score);
            }
        }

        return best;
    }

    private static OfflinePlan Answer(ConversationView view) => new([], OfflineChatClient.Label + AnswerComposer.Answer(view));
}

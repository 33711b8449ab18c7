using DurableAgents.Runs;
using DurableAgents.Runs.Audit;

namespace DurableAgents.Host.Eval;

/// <summary>How one case went: the run's figures and, when it failed, each expectation it missed.</summary>
/// <param name="Case">The case.</param>
/// <param name="RunId">The run.</param>
/// <param name="Outcome">The run's outcome (or why there is none: timed-out, failed-to-start).</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Tokens">Input and output tokens.</param>
/// <param name="CostUsd">Cost.</param>
/// <param name="Problems">What did not hold; empty when the case passed.</param>
public sealed record EvalResult(EvalCase Case, string RunId, string Outcome, int Steps, long Tokens, decimal CostUsd, IReadOnlyList<string> Problems)
{
    /// <summary>True when every expectation held.</summary>
    public bool Passed => Problems.Count == 0;
}

/// <summary>Checks a finished run against its case: outcome, answer, tools (from the audit trail, sub-runs included), budget.</summary>
public static class EvalScorer
{
    /// <summary>The audit outcomes of a call that ran (as opposed to one the runtime refused or never started).</summary>
    private static readonly HashSet<string> Ran = new(StringComparer.Ordinal) { "ok", "error", "timeout" };

    /// <summary>Scores a finished run.</summary>
    public static EvalResult Score(EvalCase item, string runId, AgentRunResult result, AuditTrail? audit)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        var expect = item.Expect;
        if (!string.Equals(result.Outcome.ToString(), expect.Outcome, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"outcome {result.Outcome}, expected {expect.Outcome}{(result.Reason is { } why ? $" ({Short(why)})" : "")}");
        }

        var answer = result.Answer ?? "";
        problems.AddRange(expect.AnswerContains.Where(t => !answer.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"answer lacks \"{t}\""));
        problems.AddRange(expect.AnswerNotContains.Where(t => answer.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"answer contains \"{t}\""));

        var entries = audit?.Entries ?? [];
        problems.AddRange(expect.ToolsCalled.Where(t => !entries.Any(e => e.Tool == t && e.Outcome == "ok")).Select(t => $"{t} did not run"));
        problems.AddRange(expect.ToolsNotRun.Where(t => entries.Any(e => e.Tool == t && Ran.Contains(e.Outcome))).Select(t => $"{t} ran"));
        problems.AddRange(expect.ToolsNotRequested.Where(t => entries.Any(e => e.Tool == t)).Select(t => $"{t} was asked for"));
        problems.AddRange(expect.ToolOutcomes.Where(p => !entries.Any(e => e.Tool == p.Key && e.Outcome == p.Value))
            .Select(p => $"no {p.Key} call ended {p.Value}"));

        var tokens = result.Usage.InputTokens + result.Usage.OutputTokens;
        if (result.Steps > item.Budget.MaxSteps)
        {
            problems.Add($"{result.Steps} steps, budget {item.Budget.MaxSteps}");
        }

        if (tokens > item.Budget.MaxTokens)
        {
            problems.Add($"{tokens} tokens, budget {item.Budget.MaxTokens}");
        }

        if (result.Usage.CostUsd > item.Budget.MaxCostUsd)
        {
            problems.Add($"${result.Usage.CostUsd} cost, budget ${item.Budget.MaxCostUsd}");
        }

        return new EvalResult(item, runId, result.Outcome.ToString(), result.Steps, tokens, result.Usage.CostUsd, problems);
    }

    /// <summary>A case whose run did not finish (or start): it fails with the reason.</summary>
    public static EvalResult Unfinished(EvalCase item, string runId, string outcome, string problem, AgentRunView? run = null) =>
        new(item, runId, outcome, run?.Status?.Step ?? 0, (run?.Status?.Usage?.InputTokens ?? 0) + (run?.Status?.Usage?.OutputTokens ?? 0),
            run?.Status?.Usage?.CostUsd ?? 0, [problem]);

    private static string Short(string text) => text.Length <= 160 ? text : text[..160] + "...";
}

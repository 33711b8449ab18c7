using System.CommandLine;
using System.Globalization;
using DurableAgents.Host.Cli;
using Spectre.Console;

namespace DurableAgents.Host.Eval;

/// <summary>
/// <c>eval [--cases FILE] [--threshold 0.9] [--only NAME] [--parallel 4] [--offline]</c>: runs goal cases as durable agent runs on a
/// host of its own and prints a table and the success rate. Exit codes: 0 at or above the threshold, 1 below it, 2 a bad command
/// line, cases file or setting.
/// </summary>
internal static class EvalCommand
{
    /// <summary>The exit code when the success rate is below the threshold.</summary>
    public const int BelowThreshold = 1;

    public static Command Create(CliContext context)
    {
        var cases = new Option<string?>("--cases") { Description = $"The JSON cases file (default: the shipped one, {Path.Combine("Eval", "cases.json")} next to the host)." };
        var threshold = new Option<double?>("--threshold") { Description = "The share of cases (0 to 1) that must pass; the file's threshold, else 0.9." };
        var only = new Option<string[]>("--only") { Description = "Run only the cases with these names (repeat for more).", AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "How many cases run at once.", DefaultValueFactory = _ => 4 };
        var offline = new Option<bool>("--offline") { Description = "Use the offline model even when OPENAI_API_KEY or OPENAI_BASE_URL is set." };
        var command = new Command("eval", "Run goal cases against the configured model, durably, and score them.") { cases, threshold, only, parallel, offline };
        command.SetAction(async (p, ct) =>
        {
            var file = EvalCaseReader.Read(p.GetValue(cases) ?? EvalCaseReader.DefaultPath);
            var selected = Select(file.Cases, p.GetValue(only) ?? []);
            var bar = p.GetValue(threshold) ?? file.Threshold ?? 0.9;
            if (bar is < 0 or > 1 || p.GetValue(parallel) is < 1 or > 32)
            {
                throw new EvalCasesException("--threshold must be from 0 to 1 and --parallel from 1 to 32.");
            }

            var results = await EvalSession.RunAsync(selected, new EvalSessionOptions(p.GetValue(parallel), p.GetValue(offline)), context, ct);
            return Report(context.Console, results, bar);
        });
        return command;
    }

    private static List<EvalCase> Select(IReadOnlyList<EvalCase> cases, string[] only)
    {
        if (only.Length == 0)
        {
            return cases.ToList();
        }

        var unknown = only.Where(n => !cases.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        return unknown.Count == 0
            ? cases.Where(c => only.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList()
            : throw new EvalCasesException($"No case named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the cases are: {string.Join(", ", cases.Select(c => c.Name))}.");
    }

    private static int Report(IAnsiConsole console, IReadOnlyList<EvalResult> results, double threshold)
    {
        var table = new Table().AddColumns("case", "outcome", "steps", "tokens", "cost", "result");
        foreach (var result in results)
        {
            table.AddRow(
                new Text(result.Case.Name), new Text(result.Outcome), new Text(result.Steps.ToString(CultureInfo.InvariantCulture)),
                new Text(result.Tokens.ToString(CultureInfo.InvariantCulture)), new Text(result.CostUsd.ToString("$0.0000", CultureInfo.InvariantCulture)),
                result.Passed ? new Text("pass", new Style(Color.Green)) : new Text("FAIL", new Style(Color.Red)));
        }

        console.Write(table);
        foreach (var failed in results.Where(r => !r.Passed))
        {
            console.Write(new Text($"{failed.Case.Name} ({failed.Case.Agent}, run {failed.RunId}): {string.Join("; ", failed.Problems)}\n", new Style(Color.Red)));
        }

        var passed = results.Count(r => r.Passed);
        var rate = results.Count == 0 ? 0 : (double)passed / results.Count;
        var line = $"{passed} of {results.Count} cases passed ({rate.ToString("P0", CultureInfo.InvariantCulture)}; threshold {threshold.ToString("P0", CultureInfo.InvariantCulture)}); "
            + $"{results.Sum(r => r.Tokens).ToString(CultureInfo.InvariantCulture)} tokens, {results.Sum(r => r.CostUsd).ToString("$0.0000", CultureInfo.InvariantCulture)}.\n";
        console.Write(new Text(line, new Style(rate >= threshold ? Color.Green : Color.Red)));
        return rate >= threshold ? 0 : BelowThreshold;
    }
}

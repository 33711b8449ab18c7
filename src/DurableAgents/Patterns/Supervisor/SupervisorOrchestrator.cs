using System.Text.Json;
using System.Text.RegularExpressions;
using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Patterns;

/// <summary>The supervisor team's orchestration (see <see cref="SupervisorPattern"/>).</summary>
public sealed partial class SupervisorOrchestrator(IAgentCatalog catalog) : PatternOrchestrator<SupervisorPattern>(catalog)
{
    /// <inheritdoc />
    protected override async Task<AgentRunResult> RunPatternAsync(PatternRun run, SupervisorPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pattern);
        var team = new TeamState(run.Input.Goal);
        var budget = new RetryBudget(pattern.DecisionRetries);
        var schema = DecisionSchema(pattern);
        for (var round = 1; round <= pattern.MaxRounds; round++)
        {
            run.Step = round;
            string worker;
            string task;
            if (team.Revision is { } revision && pattern.Writer is { } writer)
            {
                // A rejection goes back to the writer: that is the team's rule, not a decision the supervisor may skip.
                (worker, task) = (writer, revision);
                team.Revision = null;
            }
            else
            {
                run.Publish(PatternNames.DecidingPhase);
                var reply = await run.AskAsync(new StructuredRequest(DecisionPrompt(run, pattern, team, round), schema, "next_step"), budget);
                if (reply.Value is not { } decision)
                {
                    throw new RunEndedException(AgentRunOutcome.RetryBudget,
                        $"The supervisor's decision did not fit the schema after {reply.Attempts} tries (retries {budget}): {string.Join(" ", reply.Problems)}")
                    { Answer = team.Draft };
                }

                (worker, task) = (decision.GetProperty("delegate_to").GetString()!, decision.GetProperty("task").GetString() ?? "");
                if (worker == SupervisorPattern.Finish)
                {
                    return run.Finish(AgentRunOutcome.Completed, team.Draft ?? team.LastAnswer ?? task);
                }
            }

            var result = await run.DelegateAsync(worker, WorkerTask(pattern, team, worker, task), $"r{round}-{worker}", $"round {round}: {worker}");
            team.Note(round, worker, result, pattern);
            run.SetDetail(new { round, lastDelegation = worker, outcome = result.Outcome, review = team.LastVerdict });
        }

        throw new RunEndedException(AgentRunOutcome.StepLimit, $"The team used its {pattern.MaxRounds} rounds without the supervisor finishing.") { Answer = team.Draft };
    }

    private static JsonElement DecisionSchema(SupervisorPattern pattern) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["type"] = "object",
        ["properties"] = new Dictionary<string, object>
        {
            ["delegate_to"] = new { type = "string", @enum = pattern.Workers.Append(SupervisorPattern.Finish).ToArray(), description = "Who works next, or finish." },
            ["task"] = new { type = "string", description = "What that worker should do, with the context it needs." },
        },
        ["required"] = new[] { "delegate_to", "task" },
        ["additionalProperties"] = false,
    });

    /// <summary>The reviewer's verdict in an answer: the first of APPROVED / REJECTED (upper case first, then any case).</summary>
    internal static string? Verdict(string? answer)
    {
        var text = answer ?? "";
        var match = VerdictPattern().Match(text);
        if (!match.Success)
        {
            match = Regex.Match(text, @"\b(approved|rejected)\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        return match.Success ? match.Value.ToUpperInvariant() : null;
    }

    [GeneratedRegex(@"\b(APPROVED|REJECTED)\b")]
    private static partial Regex VerdictPattern();
}

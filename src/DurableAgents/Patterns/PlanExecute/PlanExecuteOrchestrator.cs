using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Patterns;

/// <summary>The plan-and-execute orchestration (see <see cref="PlanExecutePattern"/>).</summary>
public sealed partial class PlanExecuteOrchestrator(IAgentCatalog catalog) : PatternOrchestrator<PlanExecutePattern>(catalog)
{
    /// <inheritdoc />
    protected override async Task<AgentRunResult> RunPatternAsync(PatternRun run, PlanExecutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pattern);
        var work = new Work(run.Input.Goal);
        var replans = new RetryBudget(pattern.Replans);
        var plan = await PlanAsync(run, pattern, work, PlanPrompt(run, pattern, work));
        for (var index = 0; index < plan.Count;)
        {
            run.Step++;
            plan[index] = plan[index] with { State = "running" };
            Show(run, work, plan);
            var (ok, text) = await ExecuteAsync(run, pattern, work, plan, index);
            plan[index] = plan[index] with { State = ok ? "done" : "failed", Result = ToolResultFormatter.Preview(text, 300) };
            Show(run, work, plan);
            if (ok)
            {
                work.Done.Add((plan[index], text, work.Arguments.ElementAtOrDefault(index)));
                index++;
                continue;
            }

            work.Failed.Add(new RunAttempt($"{plan[index].Executor}: {plan[index].Task}", work.Failed.Count + 1, null, "failed", text));
            if (!replans.TrySpend())
            {
                var reason = $"Step {plan[index].Number} ({plan[index].Executor}) failed and the {pattern.Replans} replans are used up.";
                throw new RunEndedException(AgentRunOutcome.Failed, reason)
                {
                    Answer = work.Summary(),
                    Report = new RunErrorReport($"step {plan[index].Number}: {plan[index].Task}", reason, $"replans {replans}", work.Failed.ToList(), work.Summary()),
                };
            }

            work.Plans++;
            plan = await PlanAsync(run, pattern, work, ReplanPrompt(run, pattern, work, plan[index], text));
            index = 0;
        }

        return run.Finish(AgentRunOutcome.Completed, await ComposeAsync(run, work));
    }

    /// <summary>The final answer, written by the model from the steps' results; their plain list when its reply does not fit.</summary>
    private static async Task<string> ComposeAsync(PatternRun run, Work work)
    {
        run.Publish("composing");
        var reply = await run.AskAsync(new StructuredRequest(ComposePrompt(work), AnswerSchema, "final_answer"), new RetryBudget(1));
        return reply.Value?.GetProperty("answer").GetString() is { Length: > 0 } answer ? answer : work.Summary();
    }

    /// <summary>A plan from the model; an invalid one is fed back (within the plan retries) and then ends the run.</summary>
    private static async Task<List<PlanStep>> PlanAsync(PatternRun run, PlanExecutePattern pattern, Work work, string prompt)
    {
        run.Publish("planning");
        var budget = new RetryBudget(pattern.PlanRetries);
        var reply = await run.AskAsync(new StructuredRequest(prompt, PlanSchema(run, pattern), "plan") { OfferTools = true }, budget);
        if (reply.Value is not { } value)
        {
            throw new RunEndedException(AgentRunOutcome.RetryBudget, $"The plan did not fit the schema after {reply.Attempts} tries: {string.Join(" ", reply.Problems)}")
            {
                Answer = work.Summary(),
            };
        }

        var steps = value.GetProperty("steps").EnumerateArray().Select((s, i) => new PlanStep(
            i + 1, s.GetProperty("executor").GetString()!, s.GetProperty("task").GetString() ?? "", "planned")).ToList();
        work.Arguments = value.GetProperty("steps").EnumerateArray()
            .Select(s => s.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object ? a.Clone() : default).ToList();
        return steps;
    }

    private static void Show(PatternRun run, Work work, List<PlanStep> plan)
    {
        run.SetDetail(new { plan, replans = work.Plans });
        run.Publish("executing");
    }
}

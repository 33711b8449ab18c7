using System.Text;
using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Audit;
using DurableAgents.Runs.Loop;
using DurableAgents.Durability;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>Carrying out one step: a tool as an activity (arguments checked first), or an agent as a sub-run told the whole plan.</summary>
public sealed partial class PlanExecuteOrchestrator
{
    /// <summary>The most characters of a step's result handed on to later steps and the final answer.</summary>
    private const int ResultChars = 2_000;

    private static async Task<(bool Ok, string Text)> ExecuteAsync(PatternRun run, PlanExecutePattern pattern, Work work, List<PlanStep> plan, int index)
    {
        var step = plan[index];
        var key = $"p{work.Plans}-s{step.Number}";
        if (run.Definition.Tools.FirstOrDefault(t => t.Name == step.Executor) is { } tool)
        {
            return await CallToolAsync(run, tool, work.Arguments.ElementAtOrDefault(index), key);
        }

        var result = await run.DelegateAsync(step.Executor, ExecutorTask(run, work, plan, index), key, $"plan {work.Plans + 1}, step {step.Number}");
        return (result.Outcome == AgentRunOutcome.Completed, result.Answer ?? result.Reason ?? $"The {step.Executor} ended {result.Outcome}.");
    }

    private static async Task<(bool Ok, string Text)> CallToolAsync(PatternRun run, AgentTool tool, JsonElement arguments, string key)
    {
        var policy = run.Definition.Policy;
        var args = arguments.ValueKind == JsonValueKind.Object ? arguments : JsonSerializer.SerializeToElement(new { });
        var problems = ArgumentValidator.Validate(args, tool.Function.JsonSchema);
        var canonical = ArgumentValidator.Canonical(args);
        (bool, string) outcome;
        var requestedAt = run.Context.CurrentUtcDateTime;
        if (problems.Count > 0)
        {
            outcome = (false, $"The arguments for '{tool.Name}' do not fit its parameters: {string.Join(" ", problems)}");
        }
        else if (tool.Permission > policy.MaxPermission || tool.NeedsApproval)
        {
            outcome = (false, $"'{tool.Name}' needs {(tool.NeedsApproval ? "a human's approval" : "a higher permission")}, which plan steps do not get; plan another way.");
        }
        else
        {
            outcome = await RunToolAsync(run, tool, canonical, key);
        }

        await run.AuditAsync(new AuditEntry
        {
            RunId = run.Context.InstanceId,
            Agent = run.Definition.Name,
            Step = run.Step,
            CallId = key,
            Tool = tool.Name,
            Kind = "tool",
            ArgumentDigest = AuditLog.Digest(canonical),
            Permission = tool.Permission.ToString().ToLowerInvariant(),
            Outcome = outcome.Item1 ? "ok" : problems.Count > 0 ? "invalid-arguments" : "error",
            RequestedAt = requestedAt,
            CompletedAt = run.Context.CurrentUtcDateTime,
        });
        return outcome;
    }

    private static async Task<(bool, string)> RunToolAsync(PatternRun run, AgentTool tool, string arguments, string key)
    {
        var policy = run.Definition.Policy;
        var timeout = tool.Timeout ?? policy.ToolTimeout;
        var input = new ToolCallInput(run.Definition.Name, tool.Name, key, arguments, tool.MaxResultChars ?? policy.MaxToolResultChars, run.Step)
        {
            TraceParent = run.Input.TraceParent,
        };
        try
        {
            var output = await run.Context.WithTimeout(run.Context.CallActivityAsync<ToolCallOutput>(ToolCallActivity.Name, input), timeout, $"Tool '{tool.Name}'");
            var text = await run.Context.CallActivityAsync<string>(PatternNames.ReadToolResultActivity, new ReadToolResultInput(output.MessageId, ResultChars));
            return (output.Status == "ok", text);
        }
        catch (TimeoutException e)
        {
            return (false, e.Message);
        }
        catch (TaskFailedException failed)
        {
            return (false, $"The tool '{tool.Name}' failed: {ModelRetries.Inner(failed.FailureDetails).ErrorMessage}");
        }
    }

    /// <summary>The executor's task: the goal, the whole plan with what is done, the results so far, then its own step.</summary>
    private static string ExecutorTask(PatternRun run, Work work, List<PlanStep> plan, int index)
    {
        var builder = new StringBuilder($"{plan[index].Task}\nYou carry out step {plan[index].Number} of {plan.Count} of a plan; do only this step.\nGoal: {work.Goal}\nPlan:\n");
        foreach (var step in plan)
        {
            builder.Append($"{step.Number}. [{step.State}] {step.Executor}: {step.Task}\n");
        }

        builder.Append("Results so far:\n").Append(work.Done.Count == 0 ? "(none)\n" : string.Join('\n', work.Done.Select(d => $"- {d.Step.Task}: {Flat(ToolResultFormatter.Preview(d.Text, 300))}")) + "\n");
        return builder.ToString();
    }
}

using System.Text;
using System.Text.Json;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Patterns;

/// <summary>The plan's schema and prompts, and the work done so far.</summary>
public sealed partial class PlanExecuteOrchestrator
{
    private static JsonElement PlanSchema(PatternRun run, PlanExecutePattern pattern) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["type"] = "object",
        ["properties"] = new Dictionary<string, object>
        {
            ["steps"] = new Dictionary<string, object>
            {
                ["type"] = "array",
                ["minItems"] = 1,
                ["maxItems"] = pattern.MaxPlanSteps,
                ["items"] = new Dictionary<string, object>
                {
                    ["type"] = "object",
                    ["properties"] = new Dictionary<string, object>
                    {
                        ["executor"] = new { type = "string", @enum = Executors(run, pattern), description = "The tool or agent that carries out the step." },
                        ["task"] = new { type = "string", description = "What the step does." },
                        ["arguments"] = new { type = "object", description = "For a tool: its arguments. For an agent: {}." },
                    },
                    ["required"] = new[] { "executor", "task", "arguments" },
                },
            },
        },
        ["required"] = new[] { "steps" },
    });

    private static readonly JsonElement AnswerSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"answer":{"type":"string","description":"The answer to the goal, from the results."}},"required":["answer"]}""").RootElement.Clone();

    /// <summary>The goal and each result as one JSON line ("Result: {...}"), so results that span lines stay whole.</summary>
    private static string ComposePrompt(Work work)
    {
        var builder = new StringBuilder($"Goal: {work.Goal}\nWrite the final answer to the goal from the results of the plan's steps, quoting them.\n");
        foreach (var (step, text, arguments) in work.Done)
        {
            var line = new { task = step.Task, executor = step.Executor, arguments = arguments.ValueKind == JsonValueKind.Object ? arguments : default(JsonElement?), text };
            builder.Append("Result: ").Append(JsonSerializer.Serialize(line, Durability.AgentDataConverter.Options)).Append('\n');
        }

        return builder.ToString();
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string[] Executors(PatternRun run, PlanExecutePattern pattern) =>
        run.Definition.Tools.Select(t => t.Name).Concat(pattern.Executors).Distinct().ToArray();

    private static string PlanPrompt(PatternRun run, PlanExecutePattern pattern, Work work) =>
        $"Goal: {work.Goal}\nMake a plan of at most {pattern.MaxPlanSteps} steps. Each step is carried out by one executor: a tool (give its arguments) or an agent (give it a task).\nExecutors: {string.Join(", ", Executors(run, pattern))}.";

    private static string ReplanPrompt(PatternRun run, PlanExecutePattern pattern, Work work, PlanStep failed, string error)
    {
        var builder = new StringBuilder($"Goal: {work.Goal}\nA step failed. Make a new plan for what is left; do not repeat completed steps.\n");
        foreach (var (step, _, _) in work.Done)
        {
            builder.Append($"Completed: {step.Task}\n");
        }

        foreach (var attempt in work.Failed)
        {
            builder.Append($"Failed: {attempt.Stage.Split(": ", 2)[0]} | {attempt.Stage.Split(": ", 2)[^1]} | {ToolResultFormatter.Preview(attempt.Reason ?? "", 200)}\n");
        }

        return builder.Append($"Executors: {string.Join(", ", Executors(run, pattern))}. The step '{failed.Task}' failed with {failed.Executor}: {ToolResultFormatter.Preview(error, 200)}").ToString();
    }

    /// <summary>The goal, the steps done (with their results), the failures, and the tool arguments of the current plan.</summary>
    private sealed class Work(string goal)
    {
        public string Goal { get; } = goal;

        public List<(PlanStep Step, string Text, JsonElement Arguments)> Done { get; } = [];

        public List<Runs.RunAttempt> Failed { get; } = [];

        public List<JsonElement> Arguments { get; set; } = [];

        /// <summary>How many plans were made after the first.</summary>
        public int Plans { get; set; }

        public string Summary() => Done.Count == 0
            ? "No step of the plan was completed."
            : string.Join('\n', Done.Select(d => $"{d.Step.Task}: {Flat(d.Text)}"));
    }
}

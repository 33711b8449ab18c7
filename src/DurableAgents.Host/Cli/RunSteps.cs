using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Api.Runs;
using DurableAgents.Host.Api.Runs;
using DurableAgents.Runs;
using DurableAgents.Runs.Activities;

namespace DurableAgents.Host.Cli;

/// <summary>One step of a run: the model call (when this generation's history holds it) and the tool calls it asked for.</summary>
/// <param name="Number">The step (1-based).</param>
/// <param name="At">When the model answered (null for steps of earlier generations).</param>
/// <param name="Model">The model that answered.</param>
/// <param name="Usage">The call's tokens and cost.</param>
/// <param name="Reply">The model's text.</param>
/// <param name="Calls">The step's tool calls: the run's record, or (while the step runs) what the model asked for.</param>
public sealed record RunStep(int Number, DateTime? At, string? Model, UsageResponse? Usage, string? Reply, IReadOnlyList<ToolCallRecord> Calls);

/// <summary>Builds a run's steps from its history (model calls) and its tool-call record (every generation's calls).</summary>
public static class RunSteps
{
    /// <summary>The steps, oldest first.</summary>
    public static IReadOnlyList<RunStep> From(RunResponse run, IReadOnlyList<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(history);
        var records = run.ToolCalls ?? [];
        var pending = run.CustomStatus?.PendingApprovals?.Select(p => p.CallId).ToHashSet(StringComparer.Ordinal) ?? [];
        var models = ModelCalls(history);
        var last = Math.Max(run.Steps, Math.Max(models.Count == 0 ? 0 : models.Keys.Max(), records.Count == 0 ? 0 : records.Max(r => r.Step)));
        var steps = new List<RunStep>(last);
        for (var n = 1; n <= last; n++)
        {
            var calls = records.Where(r => r.Step == n).ToList();
            models.TryGetValue(n, out var model);
            if (calls.Count == 0 && model?.ToolCalls is { Count: > 0 } asked)
            {
                // The step is still running: its calls have no results yet.
                calls = asked.Select(c => new ToolCallRecord(c.CallId, c.Name, c.Arguments, pending.Contains(c.CallId) ? "awaiting-approval" : "running", "", n)).ToList();
            }

            steps.Add(new RunStep(n, model?.At, model?.ModelId, model?.Usage, model?.Text, calls));
        }

        return steps;
    }

    private sealed record ModelCall(DateTime At, string? ModelId, UsageResponse? Usage, string? Text, IReadOnlyList<ModelToolCall>? ToolCalls);

    private static Dictionary<int, ModelCall> ModelCalls(IReadOnlyList<HistoryEntry> history)
    {
        var result = new Dictionary<int, ModelCall>();
        var modelTasks = new HashSet<int>();
        var step = 0;
        foreach (var entry in history)
        {
            var d = entry.Details;
            switch (entry.Kind)
            {
                case "ExecutionStarted":
                    step = (int?)(d["input"]?["continuation"]?["step"]) ?? 0;
                    break;
                case "TaskScheduled" when TextOf(d["name"]) == ModelCallActivity.Name && d["eventId"] is { } id:
                    modelTasks.Add((int)id);
                    break;
                case "TaskCompleted" when d["taskScheduledId"] is { } id && modelTasks.Contains((int)id) && d["result"] is JsonObject output:
                    step++;
                    result[step] = new ModelCall(entry.Timestamp, TextOf(output["modelId"]), Read<UsageResponse>(output["usage"]), TextOf(output["text"]),
                        Read<List<ModelToolCall>>(output["toolCalls"]));
                    break;
            }
        }

        return result;
    }

    /// <summary>A history value's text: the string, or the preview of a value the host cut.</summary>
    internal static string? TextOf(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject cut when cut["preview"] is JsonValue preview && preview.TryGetValue<string>(out var text) => text + "…",
        null => null,
        _ => node.ToJsonString(),
    };

    private static T? Read<T>(JsonNode? node) where T : class
    {
        try
        {
            return node?.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null; // A value the host cut ({truncated, size, preview}) is left out rather than misread.
        }
    }
}

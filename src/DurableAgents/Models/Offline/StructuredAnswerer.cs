using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>
/// The offline planner's answers to a JSON schema (a structured-output request), deterministically and by documented rules:
/// a routing choice (an enum with a terminal value such as "finish") takes the value after the one the prompt names in
/// "Last delegation: X"; a confidence score is 0.92, or 0.55 when the text under review holds a hedge word ("speculative",
/// "unverified", "found nothing", ...) that a human has not yet corrected; a list of steps is one step per clause of the goal,
/// each with the best-matching executor (never one the prompt's "Failed:" lines name for that step); anything else is filled
/// from the goal like tool arguments.
/// </summary>
internal static partial class StructuredAnswerer
{
    private static readonly string[] TerminalValues = ["finish", "done", "stop", "end", "complete", "none"];

    private static readonly string[] HedgeWords =
        ["speculative", "speculation", "unverified", "unconfirmed", "rumor", "rumour", "uncertain", "disputed", "could not verify", "found nothing"];

    public static string Answer(JsonElement schema, List<ChatMessage> messages, ChatOptions? options)
    {
        var prompts = messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text).ToList();
        var request = new Request(prompts, ToolProfile.From(options));
        var value = ValueFor("answer", schema, request);
        return value.ToJsonString();
    }

    private static JsonNode ValueFor(string name, JsonElement schema, Request request)
    {
        var type = SchemaType(schema);
        if (Enum(schema) is { Count: > 0 } values)
        {
            return JsonValue.Create(Route(values, request))!;
        }

        return type switch
        {
            "object" => ObjectFor(schema, request),
            "array" => PlanFor(name, schema, request),
            "number" or "integer" when IsScore(name, schema) => JsonValue.Create(Confidence(request).Score),
            "number" or "integer" => JsonValue.Create(Bound(schema, "minimum") ?? 1)!,
            "boolean" => JsonValue.Create(!request.Text.Contains("reject", StringComparison.OrdinalIgnoreCase)),
            _ => JsonValue.Create(TextFor(name, request))!,
        };
    }

    private static JsonObject ObjectFor(JsonElement schema, Request request)
    {
        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                result[property.Name] = ValueFor(property.Name, property.Value, request);
            }
        }

        return result;
    }

    /// <summary>Text for a string field: reasons for the score, the goal for a task, a summary otherwise.</summary>
    private static string TextFor(string name, Request request)
    {
        var lower = name.ToLowerInvariant();
        if (lower is "reasoning" or "reason" or "rationale" or "explanation" or "why")
        {
            return OfflineChatClient.Label + Confidence(request).Reasoning;
        }

        if (lower is "answer" or "final_answer" or "response" && request.All("Result") is { Count: > 0 } results)
        {
            return OfflineChatClient.Label + string.Join('\n', results.Select(RenderResult));
        }

        // Prose fields carry the label; fields handed on as work (a task, a step) carry the goal's own words.
        var goal = request.Goal;
        return lower is "feedback" or "comment" or "notes" or "summary"
            ? $"{OfflineChatClient.Label}Checked against the goal: {GoalText.Truncate(goal, 200)}"
            : GoalText.Truncate(goal, 500);
    }

    /// <summary>A routing value: the one after the last delegation named in the prompts, the terminal value after the last.</summary>
    private static string Route(IReadOnlyList<string> values, Request request)
    {
        var terminal = values.FirstOrDefault(v => TerminalValues.Contains(v, StringComparer.OrdinalIgnoreCase));
        var workers = values.Where(v => v != terminal).ToList();
        var last = request.Latest("Last delegation")?.Split([' ', '(', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (terminal is null || workers.Count == 0)
        {
            return values[0];
        }

        var index = last is null ? -1 : workers.FindIndex(w => w.Equals(last, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? workers[0] : index + 1 < workers.Count ? workers[index + 1] : terminal;
    }

    /// <summary>The score and why: hedged text scores low unless a human corrected it; unhedged text scores high.</summary>
    private static (double Score, string Reasoning) Confidence(Request request)
    {
        var corrections = request.Latest("Human corrections");
        if (corrections is { Length: > 0 } && !corrections.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return (0.9, "A human reviewer corrected this text; the corrections are taken as checked.");
        }

        var text = request.Text;
        var hedge = HedgeWords.FirstOrDefault(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        return hedge is not null
            ? (0.55, $"The text contains '{hedge}', which marks a claim the fact-check could not confirm.")
            : (0.92, "The fact-check found sources for the claims and the text holds no hedged statements.");
    }

    /// <summary>A "Result: {task, executor, arguments, text}" line as a sentence, the way an answer quotes a tool result.</summary>
    private static string RenderResult(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var arguments = root.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object
                ? a.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : new Dictionary<string, object?>();
            var executor = root.GetProperty("executor").GetString() ?? "";
            var text = root.GetProperty("text").GetString() ?? "";
            var rendered = ResultRenderer.Render(new ToolOutcome(executor, arguments, "ok", text));
            return rendered.StartsWith(executor + " returned: ", StringComparison.Ordinal)
                ? $"{root.GetProperty("task").GetString()}: {ResultRenderer.StripLabel(text)}"
                : rendered;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return line;
        }
    }

    private static bool IsScore(string name, JsonElement schema) =>
        name.Contains("confidence", StringComparison.OrdinalIgnoreCase) || name.Contains("score", StringComparison.OrdinalIgnoreCase)
        || name.Contains("probability", StringComparison.OrdinalIgnoreCase) || Bound(schema, "maximum") is 1;

    private static List<string>? Enum(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : null;

    private static double? Bound(JsonElement schema, string name) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(name, out var bound) && bound.ValueKind == JsonValueKind.Number ? bound.GetDouble() : null;

    private static string SchemaType(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : "string";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "string"
            : type.GetString() ?? "string";
    }

    /// <summary>What the prompts say: the latest goal, labelled lines, and the whole text under review.</summary>
    private sealed record Request(IReadOnlyList<string> Prompts, List<ToolProfile> Tools)
    {
        /// <summary>The latest prompt that is not the runtime's feedback on an invalid reply.</summary>
        public string Text => Prompts.LastOrDefault(p => !p.StartsWith("[runtime", StringComparison.Ordinal)) ?? "";

        /// <summary>The goal: the latest "Goal:" line, else the first line of the latest prompt.</summary>
        public string Goal => Latest("Goal") ?? GoalText.FirstLine(Text);

        /// <summary>The value of the latest line with this label in any prompt.</summary>
        public string? Latest(string label) => Prompts.Select(p => GoalText.Labelled(p, label)).LastOrDefault(v => v is not null);

        /// <summary>Every line with this label in every prompt.</summary>
        public List<string> All(string label) => Prompts.SelectMany(p => GoalText.AllLabelled(p, label)).ToList();
    }
}

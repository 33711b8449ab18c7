using System.Text.Json;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Patterns;

/// <summary>Reads a model's JSON reply: code fences and text around the object are tolerated; the schema is not negotiable.</summary>
public static class StructuredJson
{
    /// <summary>The reply as JSON that fits <paramref name="schema"/>, or null with the problems (written for the model to fix).</summary>
    public static JsonElement? Read(string? text, JsonElement schema, out IReadOnlyList<string> problems)
    {
        var body = (text ?? "").Trim();
        var start = body.IndexOfAny(['{', '[']);
        var end = body.LastIndexOfAny(['}', ']']);
        if (start < 0 || end < start)
        {
            problems = ["The reply holds no JSON object."];
            return null;
        }

        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(body[start..(end + 1)]);
            value = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problems = [$"The reply is not valid JSON ({e.Message})."];
            return null;
        }

        problems = ArgumentValidator.Validate(value, schema, "answer");
        return problems.Count == 0 ? value : null;
    }
}

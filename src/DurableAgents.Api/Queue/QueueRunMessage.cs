using System.Text;
using System.Text.Json;
using DurableAgents.Runs;

namespace DurableAgents.Api.Queue;

/// <summary>A queue message asking for an agent run: <c>{"agent": "...", "input": "text or object", "runId": "optional"}</c>.</summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Goal">The input as the run's goal (an object input becomes its JSON text).</param>
/// <param name="RunId">The run id from the message, if any.</param>
public sealed record QueueRunMessage(string Agent, string Goal, string? RunId)
{
    /// <summary>Reads a message given as plain JSON or as base64 of JSON (as the Functions queue output binding writes it).</summary>
    public static bool TryParse(string text, out QueueRunMessage? message, out string error)
    {
        message = null;
        var json = LooksLikeJson(text) ? text : TryDecodeBase64(text);
        if (json is null)
        {
            error = "The message is neither JSON nor base64-encoded JSON. Send {\"agent\": \"name\", \"input\": \"...\"}.";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"The message is not valid JSON ({ex.Message}). Send {{\"agent\": \"name\", \"input\": \"...\"}}.";
            return false;
        }

        using (document)
        {
            return TryRead(document.RootElement, out message, out error);
        }
    }

    private static bool TryRead(JsonElement root, out QueueRunMessage? message, out string error)
    {
        message = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The message must be a JSON object like {\"agent\": \"name\", \"input\": \"...\"}.";
            return false;
        }

        if (!root.TryGetProperty("agent", out var agent) || agent.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(agent.GetString()))
        {
            error = "The message has no \"agent\" string naming the agent to run.";
            return false;
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            error = "The message has no \"input\" (a string or an object) for the run.";
            return false;
        }

        string? runId = null;
        if (root.TryGetProperty("runId", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            runId = id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (!RunIds.IsValid(runId, out var idError))
            {
                error = $"\"runId\" is not usable: {idError}";
                return false;
            }
        }

        var goal = input.ValueKind == JsonValueKind.String ? input.GetString()! : input.GetRawText();
        message = new QueueRunMessage(agent.GetString()!, goal, runId);
        error = "";
        return true;
    }

    private static bool LooksLikeJson(string text) => text.TrimStart() is ['{', ..] or ['[', ..];

    private static string? TryDecodeBase64(string text)
    {
        try
        {
            var decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(text.Trim()));
            return LooksLikeJson(decoded) ? decoded : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

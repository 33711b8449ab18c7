using System.Text;
using System.Text.Json;
using DurableAgents.Runs;

namespace DurableAgents.Api.Queue;

/// <summary>
/// A queue message asking for an agent run: <c>{"agent": "...", "input": "text or object", "runId": "optional", "user": "optional"}</c>. On an agent's own
/// queue (<see cref="DurableAgents.Agents.AgentDefinition.QueueName"/>) the message may also be the input alone: plain text (a topic), or a JSON
/// object without "agent" and "input" (<c>{"topic": "Tides"}</c>), for that agent.
/// </summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Goal">The input as the run's goal (an object input becomes its JSON text).</param>
/// <param name="RunId">The run id from the message, if any.</param>
public sealed record QueueRunMessage(string Agent, string Goal, string? RunId)
{
    /// <summary>The user the run is for (<see cref="UserKeys"/> rules), if the message names one.</summary>
    public string? User { get; init; }

    /// <summary>Reads a message given as plain JSON or as base64 of JSON (as the Functions queue output binding writes it).</summary>
    public static bool TryParse(string text, out QueueRunMessage? message, out string error) => TryParse(text, null, out message, out error);

    /// <summary>Reads a message; with <paramref name="queueAgent"/> (the agent whose own queue it came from) the input alone will do.</summary>
    public static bool TryParse(string text, string? queueAgent, out QueueRunMessage? message, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        message = null;
        var json = LooksLikeJson(text) ? text : TryDecodeBase64(text);
        if (json is null && queueAgent is not null && text.Trim().Length > 0)
        {
            message = new QueueRunMessage(queueAgent, text.Trim(), null);
            error = "";
            return true;
        }

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
            return TryRead(document.RootElement, queueAgent, out message, out error);
        }
    }

    private static bool TryRead(JsonElement root, string? queueAgent, out QueueRunMessage? message, out string error)
    {
        message = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The message must be a JSON object like {\"agent\": \"name\", \"input\": \"...\"}.";
            return false;
        }

        if (queueAgent is not null && !root.TryGetProperty("agent", out _) && !root.TryGetProperty("input", out _))
        {
            message = new QueueRunMessage(queueAgent, root.GetRawText(), null); // the whole object is the input
            error = "";
            return true;
        }

        if (!root.TryGetProperty("agent", out var agent) && queueAgent is not null)
        {
            agent = JsonSerializer.SerializeToElement(queueAgent);
        }

        if (agent.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(agent.GetString()))
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

        if (!TryReadUser(root, out var user, out error))
        {
            return false;
        }

        var goal = input.ValueKind == JsonValueKind.String ? input.GetString()! : input.GetRawText();
        message = new QueueRunMessage(agent.GetString()!, goal, runId) { User = user };
        error = "";
        return true;
    }

    private static bool TryReadUser(JsonElement root, out string? user, out string error)
    {
        user = null;
        error = "";
        if (!root.TryGetProperty("user", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        user = value.ValueKind == JsonValueKind.String ? value.GetString() : "";
        if (!UserKeys.IsValid(user, out var userError))
        {
            error = $"\"user\" is not usable: {userError}";
            user = null;
            return false;
        }

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

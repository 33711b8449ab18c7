using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;

namespace DurableAgents.Api.Runs;

/// <summary>One history event as the API shows it: its kind, time and fields, with long values cut and their size given.</summary>
/// <param name="Index">The position in the history.</param>
/// <param name="Kind">The DTFx event type (TaskScheduled, TaskCompleted, TimerCreated, EventRaised, ...).</param>
/// <param name="Timestamp">When it was recorded (UTC).</param>
/// <param name="Details">The event's fields; JSON payloads inlined, long ones as {truncated, size, preview}.</param>
public sealed record HistoryEntry(int Index, string Kind, DateTime Timestamp, JsonObject Details)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Builds the entries for a history.</summary>
    public static IReadOnlyList<HistoryEntry> From(IList<HistoryEvent> history, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = new List<HistoryEntry>(history.Count);
        for (var i = 0; i < history.Count; i++)
        {
            var node = JsonSerializer.SerializeToNode(history[i], history[i].GetType(), Web)!.AsObject();
            var kind = history[i].EventType.ToString();
            foreach (var bookkeeping in new[] { "eventType", "timestamp", "isPlayed", "extensionData" })
            {
                node.Remove(bookkeeping);
            }

            var details = new JsonObject();
            foreach (var (name, value) in node.ToList())
            {
                node.Remove(name);
                details[name] = Shorten(value, maxChars);
            }

            entries.Add(new HistoryEntry(i, kind, DateTime.SpecifyKind(history[i].Timestamp, DateTimeKind.Utc), details));
        }

        return entries;
    }

    private static JsonNode? Shorten(JsonNode? value, int maxChars)
    {
        if (value is JsonObject obj)
        {
            // Stack traces stay on the server.
            foreach (var (name, child) in obj.ToList())
            {
                obj.Remove(name);
                if (!name.Equals("stackTrace", StringComparison.OrdinalIgnoreCase))
                {
                    obj[name] = Shorten(child, maxChars);
                }
            }

            return obj;
        }

        if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var text))
        {
            return value;
        }

        if (text.Length > maxChars)
        {
            return new JsonObject { ["truncated"] = true, ["size"] = text.Length, ["preview"] = text[..maxChars] };
        }

        // Payloads are stored as JSON text: show them as JSON, not as an escaped string.
        if (text.Length > 0 && text[0] is '{' or '[' or '"')
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }
        }

        return text;
    }
}

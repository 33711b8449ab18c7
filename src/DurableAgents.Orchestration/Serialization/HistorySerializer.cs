using System.Text.Json;
using System.Text.Json.Serialization;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration;

/// <summary>The JSON form of history events and messages, shared by backends, fixtures and the API.</summary>
public static class HistorySerializer
{
    /// <summary>The options used for history and backend records.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Histories are data, never HTML: escaping only what JSON requires keeps nested JSON payloads at their size (a quote
        // stays " instead of becoming ", which tripled the size of every serialized input and output).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes a history as a JSON array.</summary>
    public static string SerializeHistory(IEnumerable<HistoryEvent> events) => JsonSerializer.Serialize(events.ToList(), Options);

    /// <summary>Reads a history written by <see cref="SerializeHistory"/>.</summary>
    public static IReadOnlyList<HistoryEvent> DeserializeHistory(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, Options)
        ?? throw new InvalidDataException("The history document is empty.");
}

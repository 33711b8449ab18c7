using System.Text.Json;
using Microsoft.DurableTask.Converters;

namespace DurableAgents.Durability;

/// <summary>
/// How agent runs' inputs, outputs, events and statuses are serialized: JSON with web defaults (camelCase, case-insensitive
/// reads), the same in the self-hosted worker and client as in the Functions worker's default serializer, so one task hub's
/// data reads the same from both hosts.
/// </summary>
public static class AgentDataConverter
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The data converter for the Durable Task worker and client.</summary>
    public static JsonDataConverter Default { get; } = new(Options);
}

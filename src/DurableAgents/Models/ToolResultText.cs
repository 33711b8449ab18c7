using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>The text a model sees for a tool result: strings as they are, JSON as JSON, errors as "Error: ...".</summary>
internal static class ToolResultText
{
    public static string Of(FunctionResultContent toolResult)
    {
        if (toolResult.Result is null && toolResult.Exception is not null)
        {
            return $"Error: {toolResult.Exception.Message}";
        }

        return toolResult.Result switch
        {
            null => string.Empty,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
            JsonElement e => e.GetRawText(),
            TextContent t => t.Text,
            var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())),
        };
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.Host.CustomHandler;

/// <summary>What the Functions host posts to <c>/{functionName}</c> for a non-HTTP trigger.</summary>
/// <param name="Data">Trigger and input binding data, by binding name.</param>
/// <param name="Metadata">Trigger metadata (for a queue: Id, DequeueCount, InsertionTime, ...).</param>
public sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);

/// <summary>What the handler answers.</summary>
/// <param name="Outputs">Output binding values, by binding name.</param>
/// <param name="Logs">Lines the Functions host writes to its log.</param>
/// <param name="ReturnValue">The $return binding value.</param>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>Unwraps trigger values: the Functions host JSON-encodes string inputs a second time.</summary>
public static class InvocationValues
{
    /// <summary>The value as JSON: a string that itself holds JSON (an encoded string or object) is unwrapped, repeatedly.</summary>
    public static JsonElement Unwrap(JsonElement value)
    {
        for (var depth = 0; depth < 3 && value.ValueKind == JsonValueKind.String; depth++)
        {
            var text = value.GetString()!.Trim();
            if (text.Length == 0 || text[0] is not ('"' or '{' or '['))
            {
                break;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                value = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                break;
            }
        }

        return value;
    }

    /// <summary>A metadata value as a plain string (unwrapped), or null.</summary>
    public static string? Text(Dictionary<string, JsonElement>? values, string name)
    {
        if (values is null || !values.TryGetValue(name, out var raw))
        {
            return null;
        }

        var value = Unwrap(raw);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }
}

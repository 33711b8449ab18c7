using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>
/// How model clients in this namespace represent tool-call arguments that are not a JSON object.
/// </summary>
/// <remarks>
/// A <see cref="FunctionCallContent"/> whose arguments could not be parsed has an empty <see cref="FunctionCallContent.Arguments"/>
/// dictionary, the model's raw argument text in <c>AdditionalProperties["raw_arguments"]</c> and the parse error in
/// <c>AdditionalProperties["arguments_error"]</c>. Additional properties (unlike <see cref="FunctionCallContent.Exception"/>)
/// survive JSON serialization, so the fact is kept when the response is stored in a run's history.
/// Microsoft.Extensions.AI's clients mark such a call differently (<see cref="FunctionCallContent.Exception"/> set, arguments null,
/// the provider's tool call in <see cref="AIContent.RawRepresentation"/>); <see cref="Normalize"/> turns that into this form.
/// </remarks>
public static class ToolCallArguments
{
    /// <summary>The additional-property key holding the raw argument text of a call whose arguments are malformed.</summary>
    public const string RawArgumentsKey = "raw_arguments";

    /// <summary>The additional-property key holding why the raw arguments could not be parsed.</summary>
    public const string ArgumentsErrorKey = "arguments_error";

    /// <summary>Returns true and the raw text and error when the call's arguments were malformed.</summary>
    public static bool TryGetMalformed(FunctionCallContent call, out string rawArguments, out string error)
    {
        ArgumentNullException.ThrowIfNull(call);
        rawArguments = string.Empty;
        error = string.Empty;
        if (call.AdditionalProperties is null
            || !call.AdditionalProperties.TryGetValue(RawArgumentsKey, out var raw)
            || raw is null)
        {
            return false;
        }

        rawArguments = raw is JsonElement element && element.ValueKind == JsonValueKind.String
            ? element.GetString() ?? string.Empty
            : raw.ToString() ?? string.Empty;
        if (call.AdditionalProperties.TryGetValue(ArgumentsErrorKey, out var why) && why is not null)
        {
            error = why is JsonElement e && e.ValueKind == JsonValueKind.String ? e.GetString() ?? string.Empty : why.ToString() ?? string.Empty;
        }

        return true;
    }

    /// <summary>Builds a call from raw argument text, following the representation described on this class.</summary>
    public static FunctionCallContent CreateCall(string callId, string name, string? rawArguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (TryParse(rawArguments, out var arguments, out var error))
        {
            return new FunctionCallContent(callId, name, arguments);
        }

        return Malformed(callId, name, rawArguments ?? string.Empty, error);
    }

    private static FunctionCallContent Malformed(string callId, string name, string rawArguments, string error) =>
        new(callId, name, new Dictionary<string, object?>())
        {
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [RawArgumentsKey] = rawArguments,
                [ArgumentsErrorKey] = error,
            },
        };

    private static FunctionCallContent WithRawRepresentation(FunctionCallContent call, FunctionCallContent from)
    {
        call.RawRepresentation = from.RawRepresentation;
        return call;
    }

    /// <summary>
    /// The call in the form described on this class: a call whose arguments a Microsoft.Extensions.AI client could not parse (or
    /// parsed from something other than an object) gets the raw text back from the OpenAI tool call it came from, where there is one.
    /// </summary>
    public static FunctionCallContent Normalize(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (TryGetMalformed(call, out _, out _))
        {
            return call;
        }

        var raw = (call.RawRepresentation as OpenAI.Chat.ChatToolCall)?.FunctionArguments?.ToString();
        if (raw is not null)
        {
            // Re-read the provider's own text, so the error (and the text the model gets back) is the same for every client.
            return TryParse(raw, out _, out _) && call.Exception is null ? call : WithRawRepresentation(CreateCall(call.CallId, call.Name, raw), call);
        }

        if (call.Exception is null)
        {
            return call;
        }

        var error = $"The arguments are not a valid JSON object: {(call.Exception.InnerException ?? call.Exception).Message}";
        return WithRawRepresentation(Malformed(call.CallId, call.Name, string.Empty, error), call);
    }

    /// <summary>Parses a JSON object into argument values (as <see cref="JsonElement"/>s); empty text means no arguments.</summary>
    public static bool TryParse(string? rawArguments, out Dictionary<string, object?> arguments, out string error)
    {
        arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(rawArguments))
        {
            // Some servers send "" for a function without parameters.
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(rawArguments);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"The arguments must be a JSON object but were a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.";
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = $"The arguments are not valid JSON: {ex.Message}";
            return false;
        }
    }

    /// <summary>The JSON text to send back to a model for a call: the raw text if it was malformed, else the arguments serialized.</summary>
    public static string ToJson(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (TryGetMalformed(call, out var raw, out _))
        {
            return raw;
        }

        return JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
    }
}

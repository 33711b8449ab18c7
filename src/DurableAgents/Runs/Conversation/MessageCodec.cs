using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// The stored form of a conversation message. The kinds the runtime writes on every step (user text, a tool result, an assistant
/// reply of text and function calls) get a compact text form with no JSON envelope; anything else is ChatMessage JSON.
/// </summary>
/// <remarks>
/// Forms: <c>u</c> + text (user); <c>t</c> + call id + LF + result (tool); <c>a</c> + items (assistant), where an item is
/// <c>x</c> + length + <c>:</c> + text, or <c>c</c> + call id + TAB + name + TAB + arguments JSON + LF. ChatMessage JSON always
/// starts with <c>{</c>, which is how entries written before the compact form (and the fallback) are told apart.
/// </remarks>
public static class MessageCodec
{
    /// <summary>The stored text of <paramref name="message"/>.</summary>
    public static string Encode(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TryEncodeCompact(message) ?? JsonSerializer.Serialize(message, AIJsonUtilities.DefaultOptions);
    }

    /// <summary>Reads a stored message in either form.</summary>
    public static ChatMessage Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length == 0)
        {
            throw new FormatException("A stored conversation message is empty.");
        }

        return stored[0] switch
        {
            'u' => new ChatMessage(ChatRole.User, stored[1..]),
            't' => DecodeTool(stored),
            'a' => DecodeAssistant(stored),
            '{' => JsonSerializer.Deserialize<ChatMessage>(stored, AIJsonUtilities.DefaultOptions)
                ?? throw new FormatException("A stored conversation message is JSON null."),
            var c => throw new FormatException($"A stored conversation message starts with '{c}', which is no known form."),
        };
    }

    private static string? TryEncodeCompact(ChatMessage message)
    {
        if (message.AuthorName is not null || message.MessageId is not null || message.AdditionalProperties is { Count: > 0 }
            || message.Contents.Any(c => c.AdditionalProperties is { Count: > 0 } || c.Annotations is { Count: > 0 }))
        {
            return null;
        }

        if (message.Role == ChatRole.User && message.Contents is [TextContent user])
        {
            return "u" + user.Text;
        }

        if (message.Role == ChatRole.Tool && message.Contents is [FunctionResultContent { Result: string result, Exception: null } r]
            && IsPlain(r.CallId))
        {
            return "t" + r.CallId + "\n" + result;
        }

        return message.Role == ChatRole.Assistant ? TryEncodeAssistant(message) : null;
    }

    private static string? TryEncodeAssistant(ChatMessage message)
    {
        var builder = new StringBuilder("a");
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    builder.Append('x').Append(text.Text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text.Text);
                    break;
                case FunctionCallContent { Exception: null, Arguments: not null } call when IsPlain(call.CallId) && IsPlain(call.Name):
                    var arguments = OneLine(Models.ToolCallArguments.ToJson(call));
                    builder.Append('c').Append(call.CallId).Append('\t').Append(call.Name).Append('\t').Append(arguments).Append('\n');
                    break;
                default:
                    return null;
            }
        }

        return builder.ToString();
    }

    /// <summary>The JSON without indentation, so it fits on one line (JSON escapes control characters inside strings).</summary>
    internal static string OneLine(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsPlain(string? value) => !string.IsNullOrEmpty(value) && value.AsSpan().IndexOfAny('\n', '\t') < 0;

    private static ChatMessage DecodeTool(string stored)
    {
        var newline = stored.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            throw new FormatException("A stored tool message has no line break after its call id.");
        }

        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(stored[1..newline], stored[(newline + 1)..])]);
    }

    private static ChatMessage DecodeAssistant(string stored)
    {
        var contents = new List<AIContent>();
        var at = 1;
        while (at < stored.Length)
        {
            if (stored[at] == 'x')
            {
                var colon = stored.IndexOf(':', at);
                var length = colon < 0 ? -1 : int.Parse(stored.AsSpan(at + 1, colon - at - 1), CultureInfo.InvariantCulture);
                if (length < 0 || colon + 1 + length > stored.Length)
                {
                    throw new FormatException("A stored assistant message has a text item whose length runs past its end.");
                }

                contents.Add(new TextContent(stored.Substring(colon + 1, length)));
                at = colon + 1 + length;
            }
            else if (stored[at] == 'c')
            {
                var end = stored.IndexOf('\n', at);
                var parts = end < 0 ? [] : stored[(at + 1)..end].Split('\t', 3);
                if (parts.Length != 3)
                {
                    throw new FormatException("A stored assistant message has a malformed function call item.");
                }

                contents.Add(Models.ToolCallArguments.CreateCall(parts[0], parts[1], parts[2]));
                at = end + 1;
            }
            else
            {
                throw new FormatException($"A stored assistant message has an item starting with '{stored[at]}'.");
            }
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }
}

using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace DurableAgents.Tools.Mcp;

/// <summary>The text of an MCP tool result: its text blocks, other blocks named, or the structured content as JSON.</summary>
internal static class McpResultText
{
    public static string Of(CallToolResult result)
    {
        var parts = result.Content.Select(block => block switch
        {
            TextContentBlock text => text.Text,
            ImageContentBlock image => $"[image {image.MimeType}]",
            AudioContentBlock audio => $"[audio {audio.MimeType}]",
            _ => $"[{block.Type}]",
        }).ToList();
        if (parts.Count == 0 && result.StructuredContent is { } structured)
        {
            return JsonSerializer.Serialize(structured);
        }

        return string.Join("\n", parts);
    }
}

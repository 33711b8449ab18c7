using System.Text.Json.Nodes;

namespace DurableAgents.Host.Api.Conversations;

/// <summary>A run's conversation as <c>GET /api/runs/{id}/conversation</c> shows it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Total">How many messages the conversation has in all (the page may hold fewer).</param>
/// <param name="Messages">The messages of this page, oldest first.</param>
public sealed record ConversationResponse(string RunId, int Total, IReadOnlyList<ConversationMessage> Messages);

/// <summary>One message. Text values longer than the limit are <c>{truncated, size, preview}</c>, as in the history.</summary>
/// <param name="Index">The position in the conversation (0-based, over every message the run ever had).</param>
/// <param name="Role">user, assistant, tool or system.</param>
/// <param name="Text">The message's text, if it has any.</param>
/// <param name="ToolCalls">The tool calls an assistant message asked for.</param>
/// <param name="ToolResults">The results a tool message carries.</param>
public sealed record ConversationMessage(
    int Index, string Role, JsonNode? Text, IReadOnlyList<ConversationToolCall>? ToolCalls, IReadOnlyList<ConversationToolResult>? ToolResults);

/// <summary>A tool call in an assistant message.</summary>
/// <param name="CallId">The model's call id.</param>
/// <param name="Name">The tool.</param>
/// <param name="Arguments">The arguments as JSON text (possibly truncated).</param>
public sealed record ConversationToolCall(string CallId, string Name, JsonNode? Arguments);

/// <summary>A tool result, as the model read it (inside the runtime's delimiters).</summary>
/// <param name="CallId">The call it answers.</param>
/// <param name="Result">The text (possibly truncated).</param>
public sealed record ConversationToolResult(string CallId, JsonNode? Result);

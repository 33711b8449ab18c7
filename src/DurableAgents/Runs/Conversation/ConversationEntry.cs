using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Conversation;

/// <summary>One message of a conversation: stored on its own under <see cref="Id"/>, or inline in a chain segment (no id).</summary>
/// <param name="Id">The message's own content id, when it is stored as a separate entry.</param>
/// <param name="Message">The message.</param>
public sealed record ConversationEntry(string? Id, ChatMessage Message)
{
    /// <summary>A message stored as its own entry.</summary>
    public static ConversationEntry Stored(string id, ChatMessage message) => new(id, message);

    /// <summary>A message kept inline in the segment that adds it.</summary>
    public static ConversationEntry Inline(ChatMessage message) => new(null, message);
}

using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Activities;

/// <summary>Builds and measures the chat messages activities send.</summary>
internal static class ChatMessages
{
    public static ChatMessage From(NewMessage message) => message.Role switch
    {
        "user" => new ChatMessage(ChatRole.User, message.Text ?? ""),
        "tool" => new ChatMessage(ChatRole.Tool, [new FunctionResultContent(message.CallId ?? "", message.Text ?? "")]),
        _ => throw new InvalidOperationException($"A new message has role '{message.Role}'; only 'user' and 'tool' are written by the runtime."),
    };

    /// <summary>The new messages as conversation entries: stored ones by id, the ones the orchestrator wrote inline.</summary>
    public static async Task<List<Conversation.ConversationEntry>> EntriesAsync(
        Conversation.ConversationLog log, IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        var entries = new List<Conversation.ConversationEntry>(messages.Count);
        foreach (var message in messages)
        {
            entries.Add(message.Id is { } id
                ? Conversation.ConversationEntry.Stored(id, await log.GetMessageAsync(id, cancellationToken))
                : Conversation.ConversationEntry.Inline(From(message)));
        }

        return entries;
    }

    /// <summary>Appends the new messages to the conversation (no new segment when there are none).</summary>
    public static async Task<string?> AppendAsync(
        Conversation.ConversationLog log, string? head, IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken) =>
        messages.Count == 0 ? head : await log.AppendAsync(head, await EntriesAsync(log, messages, cancellationToken), cancellationToken);

    /// <summary>A rough token estimate: characters / 4 over every text, argument and result.</summary>
    public static long EstimateTokens(IEnumerable<ChatMessage> messages) => messages.Sum(CharsOf) / 4;

    public static long CharsOf(ChatMessage message)
    {
        long chars = 0;
        foreach (var content in message.Contents)
        {
            chars += content switch
            {
                TextContent t => t.Text.Length,
                FunctionCallContent c => c.Name.Length + Models.ToolCallArguments.ToJson(c).Length,
                FunctionResultContent r => r.Result?.ToString()?.Length ?? 0,
                _ => 0,
            };
        }

        return chars + 4;
    }
}

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

    /// <summary>Stores the new messages (or takes their ids) and appends them to the conversation.</summary>
    public static async Task<string?> AppendAsync(
        Conversation.ConversationLog log, string? head, IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return head;
        }

        var ids = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            ids.Add(message.Id ?? await log.PutMessageAsync(From(message), cancellationToken));
        }

        return await log.AppendAsync(head, ids, cancellationToken);
    }

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

using Microsoft.Extensions.AI;
using OaiChat = OpenAI.Chat;

namespace DurableAgents.Models;

/// <summary>
/// Keeps a model's malformed tool-call arguments verbatim through Microsoft.Extensions.AI's OpenAI client, both ways (see
/// <see cref="ToolCallArguments"/>): replies come back normalized, and a stored call with malformed arguments is sent back to the
/// model as the text it wrote (the library would send its empty argument dictionary, "{}", hiding what the model got wrong).
/// </summary>
/// <remarks>Written here because the library has no such option; it uses the library's own hook, a message's raw OpenAI form.</remarks>
internal sealed class RawToolArgumentsChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages.Select(WithRawArguments), options, cancellationToken).ConfigureAwait(false);
        foreach (var message in response.Messages)
        {
            for (var i = 0; i < message.Contents.Count; i++)
            {
                if (message.Contents[i] is FunctionCallContent call)
                {
                    message.Contents[i] = ToolCallArguments.Normalize(call);
                }
            }
        }

        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages.Select(WithRawArguments), options, cancellationToken);

    /// <summary>The message itself, or for an assistant message with a malformed call, a copy whose OpenAI form keeps the raw text.</summary>
    private static ChatMessage WithRawArguments(ChatMessage message)
    {
        if (message.Role != ChatRole.Assistant || message.RawRepresentation is not null
            || !message.Contents.OfType<FunctionCallContent>().Any(c => ToolCallArguments.TryGetMalformed(c, out _, out _)))
        {
            return message;
        }

        var toolCalls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => OaiChat.ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(ToolCallArguments.ToJson(c))))
            .ToList();
        var raw = new OaiChat.AssistantChatMessage(toolCalls);
        if (message.Text is { Length: > 0 } text)
        {
            raw.Content.Add(OaiChat.ChatMessageContentPart.CreateTextPart(text));
        }

        return new ChatMessage(message.Role, message.Contents) { AuthorName = message.AuthorName, RawRepresentation = raw };
    }
}

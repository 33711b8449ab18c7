using Microsoft.Extensions.AI;

namespace DurableAgents.AgentTestWorker;

/// <summary>
/// The MCP crash test's model, a function of the conversation like <see cref="ConversationScriptedModel"/>: step 0 asks for two
/// parallel calls of the MCP server's <c>record</c> tool (one quick, one held until released), step 1 answers.
/// </summary>
public sealed class McpScriptedModel : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var step = messages.Count(m => m.Role == ChatRole.Assistant);
        ChatMessage reply = step == 0
            ? new ChatMessage(ChatRole.Assistant, [Record("quick", wait: false), Record("held", wait: true)])
            : new ChatMessage(ChatRole.Assistant, "recorded both");
        return Task.FromResult(new ChatResponse(reply) { ModelId = "scripted" });
    }

    private static FunctionCallContent Record(string tag, bool wait) =>
        new($"r-{tag}", "record", new Dictionary<string, object?> { ["tag"] = tag, ["wait"] = wait });

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

using DurableAgents.Runs;
using Microsoft.Extensions.AI;

namespace DurableAgents.AgentTestWorker;

/// <summary>
/// A model whose reply depends only on the conversation (so any process gives the same one): step 0 asks for three parallel
/// slow_append calls, step 1 for an approval-gated write, step 2 answers. Logs each call with its idempotency key.
/// </summary>
public sealed class ConversationScriptedModel(SideEffectLog log) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var step = messages.Count(m => m.Role == ChatRole.Assistant);
        log.Append("model-calls.log", $"{AgentCallContext.Current?.IdempotencyKey} step{step}");
        ChatMessage reply = step switch
        {
            0 => new ChatMessage(ChatRole.Assistant, Enumerable.Range(0, 3)
                .Select(i => (AIContent)new FunctionCallContent($"a{i}", "slow_append", new Dictionary<string, object?> { ["n"] = i })).ToList()),
            1 => new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("w1", "guarded_write", new Dictionary<string, object?> { ["n"] = 9 })]),
            _ => new ChatMessage(ChatRole.Assistant, "all done"),
        };
        return Task.FromResult(new ChatResponse(reply) { ModelId = "scripted" });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

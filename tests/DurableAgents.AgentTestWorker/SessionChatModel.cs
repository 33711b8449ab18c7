using DurableAgents.Runs;
using Microsoft.Extensions.AI;

namespace DurableAgents.AgentTestWorker;

/// <summary>
/// The "chat" agent's model for session SIGKILL tests: answers with every user message it was given, logs each call, and blocks
/// on a message containing "hold" until the test releases it (so a test can kill the worker while a turn is in flight).
/// </summary>
public sealed class SessionChatModel(SideEffectLog log) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var users = messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text).ToList();
        log.Append("chat-calls.log", $"{AgentCallContext.Current?.RunId} {users.Count}");
        while (users[^1].Contains("hold", StringComparison.Ordinal) && !log.Released)
        {
            await Task.Delay(20, cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"seen {string.Join("|", users)}"));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The session test model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

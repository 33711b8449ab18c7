using DurableAgents.Runs;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Sessions;

/// <summary>A session test model: answers with every user message it was given (in order) and records which run asked.</summary>
internal sealed class SessionTestModel : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<(string RunId, IReadOnlyList<ChatMessage> Messages)> _calls = [];

    public IReadOnlyList<(string RunId, IReadOnlyList<ChatMessage> Messages)> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToList();
            }
        }
    }

    public static string AnswerFor(IEnumerable<string> userTexts) => $"seen {string.Join("|", userTexts)}";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (_gate)
        {
            _calls.Add((AgentCallContext.Current?.RunId ?? "", list));
        }

        var users = list.Where(m => m.Role == ChatRole.User).Select(m => m.Text);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, AnswerFor(users))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The session test model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

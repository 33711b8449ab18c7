using DurableAgents.Runs;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>One call the scripted model received.</summary>
internal sealed record ScriptedCall(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, AgentCallContext? Context)
{
    /// <summary>The text of every tool result in the call.</summary>
    public IEnumerable<string> ToolResults => Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString() ?? "");

    /// <summary>The texts of user messages.</summary>
    public IEnumerable<string> UserTexts => Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text);
}

/// <summary>A hand-written model for tests: replies come from a queue of steps (or a callback) and every call is recorded.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<ScriptedCall, ChatResponse>> _steps = new();
    private readonly Lock _gate = new();
    private readonly List<ScriptedCall> _calls = [];

    public ScriptedChatClient(string modelId = "scripted-model") => ModelId = modelId;

    public string ModelId { get; }

    /// <summary>Used once the queue is empty; null makes an empty queue an error.</summary>
    public Func<ScriptedCall, ChatResponse>? Fallback { get; set; }

    public IReadOnlyList<ScriptedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToList();
            }
        }
    }

    public ScriptedChatClient Then(Func<ScriptedCall, ChatResponse> step)
    {
        lock (_gate)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    public ScriptedChatClient ThenCall(params (string Id, string Tool, string Arguments)[] calls) => Then(_ => Reply.Calls(calls));

    public ScriptedChatClient ThenAnswer(string text) => Then(_ => Reply.Text(text));

    public ScriptedChatClient ThenThrow(Exception exception) => Then(_ => throw exception);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new ScriptedCall(messages.ToList(), options, AgentCallContext.Current);
        Func<ScriptedCall, ChatResponse> step;
        lock (_gate)
        {
            _calls.Add(call);
            step = _steps.Count > 0 ? _steps.Dequeue() : Fallback ?? throw new InvalidOperationException($"The scripted model has no reply left for call {_calls.Count}.");
        }

        var response = step(call);
        response.ModelId ??= ModelId;
        return Task.FromResult(response);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, ModelId) : null;

    public void Dispose()
    {
    }
}

/// <summary>Builds model replies.</summary>
internal static class Reply
{
    public static ChatResponse Text(string text, long inputTokens = 100, long outputTokens = 20) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens },
        };

    public static ChatResponse Calls(params (string Id, string Tool, string Arguments)[] calls) => CallsWithUsage(100, 20, calls);

    public static ChatResponse CallsWithUsage(long inputTokens, long outputTokens, params (string Id, string Tool, string Arguments)[] calls) =>
        new(new ChatMessage(ChatRole.Assistant, calls.Select(c => (AIContent)DurableAgents.Models.ToolCallArguments.CreateCall(c.Id, c.Tool, c.Arguments)).ToList()))
        {
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens },
        };
}

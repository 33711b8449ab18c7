using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Benchmark;

/// <summary>The benchmark's model: asks for N parallel calls per step (the step read from the conversation), then answers.</summary>
internal sealed class BenchmarkChatClient(int steps, int parallelCalls, Func<long> storedBytes) : IChatClient
{
    public long StoredAtStep10 { get; private set; }

    public long ContentAtStep10 { get; private set; }

    public long ContentAtEnd { get; private set; }

    /// <summary>Stored bytes after the last tool step, taken when the model is called to answer (as at step 10).</summary>
    public long StoredAtLastStep { get; private set; }

    /// <summary>Stored bytes one step earlier: with history turned over every K steps, the size peaks just before a turnover.</summary>
    public long StoredBeforeLastStep { get; private set; }

    /// <summary>Content one step before the last.</summary>
    public long ContentBeforeLastStep { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var done = list.Count(m => m.Role == ChatRole.Assistant);
        var content = list.Sum(Activities.ChatMessages.CharsOf);
        if (done == 10)
        {
            StoredAtStep10 = storedBytes();
            ContentAtStep10 = content;
        }

        if (done == steps - 1)
        {
            StoredBeforeLastStep = storedBytes();
            ContentBeforeLastStep = content;
        }

        if (done == steps)
        {
            StoredAtLastStep = storedBytes();
        }

        ContentAtEnd = content;
        var usage = new UsageDetails { InputTokenCount = content / 4, OutputTokenCount = 10 };
        if (done >= steps)
        {
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "benchmark done")) { Usage = usage });
        }

        var calls = Enumerable.Range(0, parallelCalls)
            .Select(i => (AIContent)new FunctionCallContent($"s{done}c{i}", "bench_tool", new Dictionary<string, object?> { ["step"] = done, ["call"] = i }))
            .ToList();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, calls)) { Usage = usage, FinishReason = ChatFinishReason.ToolCalls });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

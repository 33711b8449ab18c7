using System.Diagnostics;
using DurableAgents.Runs.Activities;
using Microsoft.Extensions.AI;

namespace DurableAgents.Benchmarks.AgentLoop;

/// <summary>
/// The agent-loop workload's scripted model: asks for <c>parallelCalls</c> tool calls per step (the step read from the
/// conversation) for <c>steps</c> steps, then answers. At the last two steps it takes a snapshot of the stored bytes; the time the
/// snapshots take is kept apart so it can be left out of the time per step.
/// </summary>
internal sealed class BenchmarkChatClient(int steps, int parallelCalls, Func<Task<StoredBytes>> storedBytes) : IChatClient
{
    public const string ToolName = "bench_tool";

    private long _snapshotTicks;
    private int _calls;

    /// <summary>Model calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Stored bytes and content when the model was called after <c>steps</c> - 1 tool steps.</summary>
    public (StoredBytes Stored, long Content) BeforeLastStep { get; private set; }

    /// <summary>Stored bytes and content when the model was called after all <c>steps</c> tool steps (to answer).</summary>
    public (StoredBytes Stored, long Content) AtLastStep { get; private set; }

    /// <summary>Time spent taking the snapshots.</summary>
    public TimeSpan SnapshotTime => TimeSpan.FromSeconds(Interlocked.Read(ref _snapshotTicks) / (double)Stopwatch.Frequency);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var list = messages.ToList();
        var done = list.Count(m => m.Role == ChatRole.Assistant);
        var content = list.Sum(ChatMessages.CharsOf);
        if (done == steps - 1)
        {
            BeforeLastStep = (await SnapshotAsync(), content);
        }

        if (done == steps)
        {
            AtLastStep = (await SnapshotAsync(), content);
        }

        var usage = new UsageDetails { InputTokenCount = content / 4, OutputTokenCount = 10 };
        if (done >= steps)
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "benchmark done")) { Usage = usage };
        }

        var calls = Enumerable.Range(0, parallelCalls)
            .Select(i => (AIContent)new FunctionCallContent($"s{done}c{i}", ToolName, new Dictionary<string, object?> { ["step"] = done, ["call"] = i }))
            .ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, calls)) { Usage = usage, FinishReason = ChatFinishReason.ToolCalls };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The benchmark model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private async Task<StoredBytes> SnapshotAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var stored = await storedBytes();
        Interlocked.Add(ref _snapshotTicks, Stopwatch.GetTimestamp() - started);
        return stored;
    }
}

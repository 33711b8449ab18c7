using System.Collections.Concurrent;
using System.Text;

namespace DurableAgents.Runs.Conversation;

/// <summary>A conversation store in process memory (tests and the in-memory backend; nothing survives the process).</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    /// <inheritdoc />
    public Task<string> PutAsync(string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = ContentId.Of(content);
        if (_entries.TryAdd(id, content))
        {
            Interlocked.Add(ref _bytes, Encoding.UTF8.GetByteCount(content));
        }

        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public Task<string?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.GetValueOrDefault(id));

    /// <inheritdoc />
    public Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult(Interlocked.Read(ref _bytes));
}

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// A content-addressed store for conversation entries (messages and chain segments): each entry is stored once under the hash
/// of its bytes, so the run's history only carries short ids.
/// </summary>
/// <remarks>Written by activities only (orchestrators do no I/O). Storing the same content twice is a no-op.</remarks>
public interface IConversationStore
{
    /// <summary>Stores the content (if not stored yet) and returns its id.</summary>
    Task<string> PutAsync(string content, CancellationToken cancellationToken = default);

    /// <summary>The content stored under the id, or null when there is none.</summary>
    Task<string?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The bytes stored in all (for benchmarks and tests).</summary>
    Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default);
}

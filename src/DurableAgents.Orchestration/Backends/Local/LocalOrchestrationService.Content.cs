namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>
/// Immutable content kept with the orchestration state (in the file backend's journal): for large values that histories refer to by
/// id, such as conversation messages. A put is written to the journal in order, so it is durable no later than the first fsynced
/// commit that can refer to it, and it costs no fsync of its own.
/// </summary>
public abstract partial class LocalOrchestrationService
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="id"/>; storing an id twice keeps the first.</summary>
    public async Task PutContentAsync(string id, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(content);
        await EnsureStartedAsync();
        lock (Store.Gate)
        {
            if (Store.HasContent(id))
            {
                return;
            }
        }

        await CommitAsync(new PutContentCommit(id, content));
    }

    /// <summary>The content stored under <paramref name="id"/>, or null.</summary>
    public async Task<string?> GetContentAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync();
        lock (Store.Gate)
        {
            return Store.GetContent(id);
        }
    }

    /// <summary>UTF-8 bytes of all stored content.</summary>
    public async Task<long> GetContentBytesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync();
        lock (Store.Gate)
        {
            return Store.ContentBytes;
        }
    }
}

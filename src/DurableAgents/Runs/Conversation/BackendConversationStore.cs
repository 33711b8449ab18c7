using DurableAgents.Orchestration.Backends.Local;

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// The conversation store of the embedded backends: entries live with the orchestration state (in the file backend's journal, so
/// they share its group commit and survive kill -9 and power loss like the runs that refer to them).
/// </summary>
public sealed class BackendConversationStore(LocalOrchestrationService backend) : IConversationStore
{
    /// <inheritdoc />
    public async Task<string> PutAsync(string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = ContentId.Of(content);
        await backend.PutContentAsync(id, content, cancellationToken);
        return id;
    }

    /// <inheritdoc />
    public Task<string?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ContentId.IsValid(id) ? backend.GetContentAsync(id, cancellationToken) : Task.FromResult<string?>(null);

    /// <inheritdoc />
    public Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default) => backend.GetContentBytesAsync(cancellationToken);
}

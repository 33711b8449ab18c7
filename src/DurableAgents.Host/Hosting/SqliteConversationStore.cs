using System.Text;
using DurableAgents.DurableTask.Sqlite;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Host.Hosting;

/// <summary>
/// The conversation store of the embedded host: entries in the SQLite task hub's own file (its entries table), so a step's
/// tool results and chain segments share the group commit of the step instead of costing a write of their own.
/// </summary>
public sealed class SqliteConversationStore(SqliteOrchestrationService taskHub) : IConversationStore
{
    private const string Prefix = "conversation/";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public async Task<string> PutAsync(string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = ContentId.Of(content);
        // Content-addressed: the same id always holds the same bytes, so writing it again is harmless.
        await taskHub.WriteEntryAsync(Prefix + id, Utf8.GetBytes(content)).WaitAsync(cancellationToken);
        return id;
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ContentId.IsValid(id))
        {
            return null;
        }

        var bytes = await taskHub.ReadEntryAsync(Prefix + id).WaitAsync(cancellationToken);
        return bytes is null ? null : Utf8.GetString(bytes);
    }

    /// <inheritdoc />
    public Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default) =>
        taskHub.GetEntryBytesAsync(Prefix).WaitAsync(cancellationToken);
}

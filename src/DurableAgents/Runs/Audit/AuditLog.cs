using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableAgents.Durability;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Runs.Audit;

/// <summary>
/// Audit records in the conversation store. Agent runs (revision 2 on) keep each step's record inside the conversation segment
/// their next activity writes, so a run's audit head is a conversation segment and the record shares the conversation's chain
/// (see <see cref="AuditStep"/>). Patterns, and agent runs of revision 1, write a chain of audit segments of their own (each: the
/// entries of one step and the id of the segment before) through <see cref="AuditActivity"/>. Either way the writes are
/// content-addressed (writing a segment again stores nothing new and gives the same head), and reading checks every segment against
/// its id, so a record changed in the store is reported, not returned.
/// </summary>
public sealed partial class AuditLog(IConversationStore store)
{
    /// <summary>Appends entries after <paramref name="head"/> (null for the first); returns the new head.</summary>
    public Task<string> AppendAsync(string? head, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return store.PutAsync(JsonSerializer.Serialize(new AuditSegment(head, entries), AgentDataConverter.Options), cancellationToken);
    }

    /// <summary>
    /// Every entry of the record ending at <paramref name="head"/>, oldest first: the run <paramref name="runId"/> of
    /// <paramref name="agent"/> (the run's own record gives entries its id and agent; a pattern's holds them).
    /// </summary>
    /// <exception cref="InvalidOperationException">A segment is missing, or its content no longer matches its id.</exception>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? head, string runId, string agent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(agent);
        if (head is null)
        {
            return [];
        }

        var text = await ReadVerifiedAsync(head, cancellationToken);
        return text.StartsWith('{')
            ? await ReadAuditSegmentsAsync(head, text, cancellationToken)
            : await ReadFromConversationAsync(text, runId, agent, cancellationToken);
    }

    private async Task<IReadOnlyList<AuditEntry>> ReadAuditSegmentsAsync(string head, string headText, CancellationToken cancellationToken)
    {
        var segments = new Stack<AuditSegment>();
        for (var (at, text) = (head, headText); ;)
        {
            var segment = JsonSerializer.Deserialize<AuditSegment>(text, AgentDataConverter.Options)
                ?? throw new FormatException($"Audit segment '{at}' is JSON null.");
            segments.Push(segment);
            if (segment.Parent is not { } parent)
            {
                break;
            }

            (at, text) = (parent, await ReadVerifiedAsync(parent, cancellationToken));
        }

        return segments.SelectMany(s => s.Entries).ToList();
    }

    /// <summary>The stored text of <paramref name="id"/>, checked against the id (the hash of the text it was written with).</summary>
    private async Task<string> ReadVerifiedAsync(string id, CancellationToken cancellationToken)
    {
        var text = await store.GetAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Audit segment '{id}' is missing from the conversation store.");
        return ContentId.Of(text) == id
            ? text
            : throw new InvalidOperationException(
                $"Audit segment '{id}' no longer matches its content id: the stored record was changed after it was written.");
    }

    /// <summary>The digest an entry holds for arguments: <c>sha256:</c> and the hex hash of their UTF-8 bytes.</summary>
    public static string Digest(string arguments) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments ?? "")));

    private sealed record AuditSegment(string? Parent, IReadOnlyList<AuditEntry> Entries);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableAgents.Durability;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Runs.Audit;

/// <summary>
/// Audit records as a chain of segments in the conversation store (each segment: the entries of one step and the id of the
/// segment before), so a step writes only its own entries and a run carries only the head id. Content-addressed: writing a
/// segment again (an activity delivered twice) stores nothing new and gives the same head.
/// </summary>
public sealed class AuditLog(IConversationStore store)
{
    /// <summary>Appends entries after <paramref name="head"/> (null for the first); returns the new head.</summary>
    public Task<string> AppendAsync(string? head, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return store.PutAsync(JsonSerializer.Serialize(new AuditSegment(head, entries), AgentDataConverter.Options), cancellationToken);
    }

    /// <summary>Every entry of the chain ending at <paramref name="head"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? head, CancellationToken cancellationToken = default)
    {
        var segments = new Stack<AuditSegment>();
        for (var at = head; at is not null;)
        {
            var text = await store.GetAsync(at, cancellationToken)
                ?? throw new InvalidOperationException($"Audit segment '{at}' is missing from the conversation store.");
            var segment = JsonSerializer.Deserialize<AuditSegment>(text, AgentDataConverter.Options)
                ?? throw new FormatException($"Audit segment '{at}' is JSON null.");
            segments.Push(segment);
            at = segment.Parent;
        }

        return segments.SelectMany(s => s.Entries).ToList();
    }

    /// <summary>The digest an entry holds for arguments: <c>sha256:</c> and the hex hash of their UTF-8 bytes.</summary>
    public static string Digest(string arguments) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments ?? "")));

    private sealed record AuditSegment(string? Parent, IReadOnlyList<AuditEntry> Entries);
}

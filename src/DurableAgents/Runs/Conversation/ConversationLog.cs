using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// Conversations as chains of segments in an <see cref="IConversationStore"/>: a segment holds the messages one step added (by id,
/// or inline) and the id of the segment before it, so a step stores only its new content and the run's history only a head id.
/// </summary>
public sealed class ConversationLog(IConversationStore store)
{
    private const int CacheLimit = 20_000;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ConversationEntry>> _chains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChatMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>The underlying store.</summary>
    public IConversationStore Store => store;

    /// <summary>Stores a message as its own entry (compact form where it has one) and returns its id.</summary>
    public async Task<string> PutMessageAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = await store.PutAsync(MessageCodec.Encode(message), cancellationToken);
        Remember(_messages, id, message);
        return id;
    }

    /// <summary>Reads a stored message (either stored form); throws when it is missing (a run cannot continue without it).</summary>
    public async Task<ChatMessage> GetMessageAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_messages.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var stored = await store.GetAsync(id, cancellationToken)
            ?? throw new InvalidOperationException(
                $"Conversation message '{id}' is missing from the conversation store. The store must be durable whenever the backend is "
                + "(use the file conversation store with the file backend).");
        var message = MessageCodec.Decode(stored);
        Remember(_messages, id, message);
        return message;
    }

    /// <summary>Appends stored messages (by id) after <paramref name="head"/> (null for a new conversation); returns the new head.</summary>
    public async Task<string> AppendAsync(string? head, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var entries = new List<ConversationEntry>(messageIds.Count);
        foreach (var id in messageIds)
        {
            entries.Add(ConversationEntry.Stored(id, await GetMessageAsync(id, cancellationToken)));
        }

        return await AppendAsync(head, entries, cancellationToken);
    }

    /// <summary>Appends entries (stored ones by id, the others inline) after <paramref name="head"/>; returns the new head.</summary>
    public Task<string> AppendAsync(string? head, IReadOnlyList<ConversationEntry> entries, CancellationToken cancellationToken = default) =>
        WriteAsync(head, compacted: false, entries, cancellationToken);

    /// <summary>
    /// Appends entries after <paramref name="head"/> with the run's audit record of its previous step first in the same segment (an
    /// agent run's record rides in the segment its next activity writes anyway); returns the new head.
    /// </summary>
    internal Task<string> AppendAsync(string? head, IReadOnlyList<ConversationEntry> entries, string? audit, CancellationToken cancellationToken) =>
        WriteAsync(head, compacted: false, entries, cancellationToken, audit);

    /// <summary>
    /// Starts a compacted conversation made of <paramref name="entries"/>; <paramref name="replaced"/> (the conversation it
    /// replaces) stays reachable for the run's record of tool calls but is no longer read for the model.
    /// </summary>
    public Task<string> CompactAsync(string? replaced, IReadOnlyList<ConversationEntry> entries, CancellationToken cancellationToken = default) =>
        WriteAsync(replaced, compacted: true, entries, cancellationToken);

    /// <summary>The conversation ending at <paramref name="head"/> as the model sees it, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationEntry>> GetEntriesAsync(string? head, CancellationToken cancellationToken = default)
    {
        if (head is null)
        {
            return [];
        }

        if (_chains.TryGetValue(head, out var cached))
        {
            return cached;
        }

        // Walk back to the root, a compaction or a cached segment, then rebuild forwards.
        var segments = new Stack<Segment>();
        IReadOnlyList<ConversationEntry> prefix = [];
        for (var at = head; at is not null;)
        {
            if (_chains.TryGetValue(at, out var known))
            {
                prefix = known;
                break;
            }

            var segment = await ReadSegmentAsync(at, cancellationToken);
            segments.Push(segment);
            at = segment.Compacted ? null : segment.Parent;
        }

        var entries = prefix.ToList();
        while (segments.TryPop(out var segment))
        {
            entries.AddRange(await ResolveAsync(segment, cancellationToken));
        }

        Remember(_chains, head, entries);
        return entries;
    }

    /// <summary>All messages of the conversation ending at <paramref name="head"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string? head, CancellationToken cancellationToken = default) =>
        (await GetEntriesAsync(head, cancellationToken)).Select(e => e.Message).ToList();

    /// <summary>
    /// Every message the conversation ever had, oldest first, including turns later replaced by a compaction summary (the summary
    /// and the copies a compaction keeps are left out, so each message appears once).
    /// </summary>
    public Task<IReadOnlyList<ChatMessage>> GetArchiveAsync(string? head, CancellationToken cancellationToken = default) =>
        GetArchiveAsync(head, since: null, cancellationToken);

    /// <summary>
    /// The messages added after <paramref name="since"/> (an earlier head of the same conversation: where a session's turn began),
    /// oldest first, as <see cref="GetArchiveAsync(string?, CancellationToken)"/> gives them; the whole archive when it is null.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> GetArchiveAsync(string? head, string? since, CancellationToken cancellationToken = default)
    {
        var segments = new Stack<Segment>();
        for (var at = head; at is not null && at != since;)
        {
            var segment = await ReadSegmentAsync(at, cancellationToken);
            if (!segment.Compacted)
            {
                segments.Push(segment);
            }

            at = segment.Parent;
        }

        var messages = new List<ChatMessage>();
        while (segments.TryPop(out var segment))
        {
            messages.AddRange((await ResolveAsync(segment, cancellationToken)).Select(e => e.Message));
        }

        return messages;
    }

    private async Task<string> WriteAsync(
        string? head, bool compacted, IReadOnlyList<ConversationEntry> entries, CancellationToken cancellationToken, string? audit = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var items = new List<SegmentItem>(entries.Count + 1);
        if (audit is not null)
        {
            items.Add(SegmentItem.AuditOf(audit));
        }

        items.AddRange(entries.Select(e => e.Id is { } id ? SegmentItem.Ref(id) : SegmentItem.Of(MessageCodec.Encode(e.Message))));
        var newHead = await store.PutAsync(new Segment(head, compacted, items).Encode(), cancellationToken);
        if (compacted || head is null)
        {
            Remember(_chains, newHead, entries.ToList());
        }
        else if (_chains.TryGetValue(head, out var before))
        {
            Remember(_chains, newHead, before.Concat(entries).ToList());
        }

        return newHead;
    }

    private async Task<Segment> ReadSegmentAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Conversation segment '{id}' is missing from the conversation store.");
        return Segment.Decode(stored);
    }

    private async Task<List<ConversationEntry>> ResolveAsync(Segment segment, CancellationToken cancellationToken)
    {
        var entries = new List<ConversationEntry>(segment.Items.Count);
        foreach (var item in segment.Items.Where(i => i.IsMessage))
        {
            entries.Add(item.Id is { } id
                ? ConversationEntry.Stored(id, await GetMessageAsync(id, cancellationToken))
                : ConversationEntry.Inline(MessageCodec.Decode(item.Inline!)));
        }

        return entries;
    }

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= CacheLimit)
        {
            cache.Clear(); // Crude but bounded; a miss only costs a re-read from the store.
        }

        cache[key] = value;
    }
}

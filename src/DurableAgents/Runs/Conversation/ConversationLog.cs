using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// Conversations as chains of segments in an <see cref="IConversationStore"/>: a segment lists the ids of the messages one step
/// added and the id of the segment before it, so a step stores only its new content and the run's history only a head id.
/// </summary>
public sealed class ConversationLog(IConversationStore store)
{
    private const int CacheLimit = 20_000;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _chains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChatMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>The underlying store.</summary>
    public IConversationStore Store => store;

    /// <summary>Stores a message and returns its id.</summary>
    public async Task<string> PutMessageAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = JsonSerializer.Serialize(message, AIJsonUtilities.DefaultOptions);
        var id = await store.PutAsync(json, cancellationToken);
        Remember(_messages, id, message);
        return id;
    }

    /// <summary>Reads a stored message; throws when it is missing (a run cannot continue without its conversation).</summary>
    public async Task<ChatMessage> GetMessageAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_messages.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var json = await store.GetAsync(id, cancellationToken)
            ?? throw new InvalidOperationException(
                $"Conversation message '{id}' is missing from the conversation store. The store must be durable whenever the backend is "
                + "(use the file conversation store with the file backend).");
        var message = JsonSerializer.Deserialize<ChatMessage>(json, AIJsonUtilities.DefaultOptions)
            ?? throw new InvalidOperationException($"Conversation message '{id}' is empty.");
        Remember(_messages, id, message);
        return message;
    }

    /// <summary>Appends messages (by id) after <paramref name="head"/> (null for a new conversation) and returns the new head.</summary>
    public async Task<string> AppendAsync(string? head, IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var segment = JsonSerializer.Serialize(new Segment(head, messageIds), SegmentJson.Options);
        var newHead = await store.PutAsync(segment, cancellationToken);
        if (head is null || _chains.ContainsKey(head))
        {
            var before = head is null ? [] : _chains[head];
            Remember(_chains, newHead, before.Concat(messageIds).ToList());
        }

        return newHead;
    }

    /// <summary>The ids of all messages in the conversation ending at <paramref name="head"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetMessageIdsAsync(string? head, CancellationToken cancellationToken = default)
    {
        if (head is null)
        {
            return [];
        }

        if (_chains.TryGetValue(head, out var cached))
        {
            return cached;
        }

        // Walk back to the root or to a cached segment, then rebuild forwards.
        var segments = new Stack<Segment>();
        IReadOnlyList<string> prefix = [];
        for (var at = head; at is not null;)
        {
            if (_chains.TryGetValue(at, out var known))
            {
                prefix = known;
                break;
            }

            var json = await store.GetAsync(at, cancellationToken)
                ?? throw new InvalidOperationException($"Conversation segment '{at}' is missing from the conversation store.");
            var segment = JsonSerializer.Deserialize(json, SegmentJson.Options.GetTypeInfo(typeof(Segment))) as Segment
                ?? throw new InvalidOperationException($"Conversation segment '{at}' is empty.");
            segments.Push(segment);
            at = segment.Parent;
        }

        var ids = prefix.ToList();
        while (segments.TryPop(out var segment))
        {
            ids.AddRange(segment.Messages);
        }

        Remember(_chains, head, ids);
        return ids;
    }

    /// <summary>All messages of the conversation ending at <paramref name="head"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string? head, CancellationToken cancellationToken = default)
    {
        var ids = await GetMessageIdsAsync(head, cancellationToken);
        var messages = new List<ChatMessage>(ids.Count);
        foreach (var id in ids)
        {
            messages.Add(await GetMessageAsync(id, cancellationToken));
        }

        return messages;
    }

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= CacheLimit)
        {
            cache.Clear(); // Crude but bounded; a miss only costs a re-read from the store.
        }

        cache[key] = value;
    }

    private sealed record Segment(string? Parent, IReadOnlyList<string> Messages);

    private static class SegmentJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}

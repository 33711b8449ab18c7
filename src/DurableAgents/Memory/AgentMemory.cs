using DurableAgents.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace DurableAgents.Memory;

/// <summary>
/// An agent's long-term memory: facts and episodes in a VectorData collection, embedded with an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>,
/// searched by exact cosine similarity within the agent's partition. Every text is redacted (<see cref="SecretRedaction"/>) before it is stored.
/// </summary>
/// <remarks>I/O: call it from activities, tools and HTTP handlers, never from orchestrator code.</remarks>
public sealed partial class AgentMemory(
    VectorStoreCollection<string, MemoryRecord> collection, IEmbeddingGenerator<string, Embedding<float>> embeddings, TimeProvider time)
{
    /// <summary>The longest text a memory keeps (a fact, a lesson); longer texts are cut with a marker.</summary>
    public const int MaxTextChars = 2_000;

    private volatile bool _created;

    /// <summary>The collection the memories are kept in.</summary>
    public VectorStoreCollection<string, MemoryRecord> Collection => collection;

    /// <summary>The embedding model's name, as stored with every memory (only memories of one model are compared).</summary>
    public string EmbeddingModel => embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embeddings.GetType().Name;

    /// <summary>
    /// Stores a fact in <paramref name="scope"/> (agent-wide when null or empty; <c>session:{id}</c> or <c>user:{key}</c>); the same
    /// <paramref name="id"/> replaces the fact stored under it (a retried tool call writes it once).
    /// </summary>
    public async Task<MemoryRecord> RememberAsync(
        string agent, string id, string text, string? runId, int? step, string? scope = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var clean = Clean(text);
        scope = CheckScope(scope);
        var record = new MemoryRecord
        {
            Key = MemoryKeys.Of(agent, id),
            Agent = agent,
            Kind = MemoryKinds.Fact,
            Scope = scope,
            Text = clean,
            Source = "tool",
            RunId = runId,
            Step = step,
        };
        await StoreAsync(record, clean, cancellationToken);
        return record;
    }

    /// <summary>
    /// The memories of one kind most similar to <paramref name="query"/>, best first, none below <paramref name="minScore"/>: the
    /// agent-wide ones, and those of <paramref name="scope"/> beside them when one is given (a session sees its own and the agent's).
    /// </summary>
    public Task<IReadOnlyList<MemoryMatch>> SearchAsync(
        string agent, string kind, string query, int top, double minScore, string? scope = null, CancellationToken cancellationToken = default) =>
        SearchAsync(agent, kind, query, top, minScore, scope is null ? [] : [scope], cancellationToken);

    /// <summary>
    /// The memories of one kind most similar to <paramref name="query"/>, best first, none below <paramref name="minScore"/>: the
    /// agent-wide ones and those of each of <paramref name="scopes"/> (a user's session turn sees the agent's, the user's and the session's).
    /// </summary>
    public async Task<IReadOnlyList<MemoryMatch>> SearchAsync(
        string agent, string kind, string query, int top, double minScore, IReadOnlyList<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scopes);
        var options = new VectorSearchOptions<MemoryRecord> { Filter = MemoryFilter.InScopes(agent, kind, ["", .. scopes.Select(CheckScope)]), ScoreThreshold = minScore };
        await EnsureCreatedAsync(cancellationToken);
        var vector = await EmbedAsync(Clean(query), cancellationToken);
        var matches = new List<MemoryMatch>();
        await foreach (var result in collection.SearchAsync(vector, top, options, cancellationToken))
        {
            matches.Add(new MemoryMatch(result.Record, result.Score ?? 0));
        }

        return matches;
    }

    /// <summary>
    /// An agent's memories (of one kind, or all), newest first, without their embeddings: of every scope when <paramref name="scope"/>
    /// is null, the agent-wide ones only when it is empty, else of that scope only.
    /// </summary>
    public async Task<IReadOnlyList<MemoryRecord>> ListAsync(string agent, string? kind, int top, string? scope = null, CancellationToken cancellationToken = default)
    {
        var only = scope is null ? null : CheckScope(scope);
        await EnsureCreatedAsync(cancellationToken);
        var records = new List<MemoryRecord>();
        System.Linq.Expressions.Expression<Func<MemoryRecord, bool>> filter = (kind, only) switch
        {
            (null, null) => r => r.Agent == agent,
            (null, _) => r => r.Agent == agent && r.Scope == only,
            (_, null) => r => r.Agent == agent && r.Kind == kind,
            _ => r => r.Agent == agent && r.Kind == kind && r.Scope == only,
        };
        await foreach (var record in collection.GetAsync(filter, top, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Deletes one memory; false when the agent has none of that id.</summary>
    public async Task<bool> DeleteAsync(string agent, string id, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var key = MemoryKeys.Of(agent, id);
        if (await collection.GetAsync(key, cancellationToken: cancellationToken) is null)
        {
            return false;
        }

        await collection.DeleteAsync(key, cancellationToken);
        return true;
    }

    /// <summary>Deletes every memory of the agent (of one scope only when <paramref name="scope"/> is given, see <see cref="ListAsync"/>); returns how many there were.</summary>
    public async Task<int> PurgeAsync(string agent, string? scope = null, CancellationToken cancellationToken = default)
    {
        var keys = (await ListAsync(agent, kind: null, int.MaxValue, scope, cancellationToken)).Select(r => r.Key).ToList();
        if (keys.Count > 0)
        {
            await collection.DeleteAsync(keys, cancellationToken);
        }

        return keys.Count;
    }

    /// <summary>Redacted and cut to <see cref="MaxTextChars"/>.</summary>
    internal static string Clean(string text)
    {
        var redacted = SecretRedaction.Redact(text.Trim());
        return redacted.Length <= MaxTextChars ? redacted : redacted[..(MaxTextChars - 15)] + " [...cut here]";
    }

    // Empty for agent-wide; throws naming the rule for a scope no store key could keep.
    private static string CheckScope(string? scope) =>
        MemoryKeys.IsValidScope(scope, out var error) ? scope ?? "" : throw new ArgumentException(error, nameof(scope));

    // Until it has succeeded once (a store that was down at the first call is tried again at the next).
    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await collection.EnsureCollectionExistsAsync(cancellationToken);
            _created = true;
        }
    }

    private async Task StoreAsync(MemoryRecord record, string embeddedText, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var vector = await EmbedAsync(embeddedText, cancellationToken);
        record.Embedding = vector.Vector;
        record.EmbeddingModel = vector.ModelId!;
        record.CreatedAt = time.GetUtcNow();
        await collection.UpsertAsync(record, cancellationToken);
    }

    private async Task<Embedding<float>> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var generated = await embeddings.GenerateAsync([text], cancellationToken: cancellationToken);
        var embedding = generated.Count == 1 ? generated[0] : throw new InvalidOperationException($"The embedding generator returned {generated.Count} embeddings for one text.");
        // One model name for stored and query vectors, whatever the generator puts in each embedding.
        return new Embedding<float>(embedding.Vector) { ModelId = EmbeddingModel };
    }
}

/// <summary>A memory found by a search, with its cosine similarity to the query.</summary>
/// <param name="Record">The memory (without its embedding).</param>
/// <param name="Score">The cosine similarity, -1 to 1.</param>
public sealed record MemoryMatch(MemoryRecord Record, double Score);

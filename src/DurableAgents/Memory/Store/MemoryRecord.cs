using Microsoft.Extensions.VectorData;

namespace DurableAgents.Memory;

/// <summary>
/// One memory of an agent: an episode (a past run and its lesson, embedded by its goal) or a fact (embedded by its text), with
/// where it came from and when. The VectorData mapping of every memory store; <see cref="Key"/> is <c>{agent}/{id}</c>.
/// </summary>
public sealed class MemoryRecord
{
    /// <summary>The store key: the agent and the memory's id, <c>{agent}/{id}</c> (see <see cref="MemoryKeys"/>).</summary>
    [VectorStoreKey]
    public string Key { get; set; } = "";

    /// <summary>The agent it belongs to (the partition every search stays inside).</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Agent { get; set; } = "";

    /// <summary><see cref="MemoryKinds.Episode"/> or <see cref="MemoryKinds.Fact"/>.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Kind { get; set; } = "";

    /// <summary>Empty for the agent's shared memory; <c>session:{id}</c> or <c>user:{key}</c> for a session's or a user's.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Scope { get; set; } = "";

    /// <summary>A fact's text, or an episode's lesson.</summary>
    [VectorStoreData]
    public string Text { get; set; } = "";

    /// <summary>An episode's goal (what its embedding is of).</summary>
    [VectorStoreData]
    public string? Goal { get; set; }

    /// <summary>An episode's outcome (Completed, Rejected, ...).</summary>
    [VectorStoreData]
    public string? Outcome { get; set; }

    /// <summary>An episode's model calls.</summary>
    [VectorStoreData]
    public int Steps { get; set; }

    /// <summary>An episode's tools, comma-separated, in first-use order.</summary>
    [VectorStoreData]
    public string? ToolsUsed { get; set; }

    /// <summary>What failed in an episode (calls that errored, were refused, rejected or timed out), one per line.</summary>
    [VectorStoreData]
    public string? Failures { get; set; }

    /// <summary>Tools a human rejected in the episode, comma-separated: later runs are told to avoid them.</summary>
    [VectorStoreData]
    public string? Avoid { get; set; }

    /// <summary>Who wrote the text: model, offline (the deterministic writer), human, or runtime; for facts, tool.</summary>
    [VectorStoreData]
    public string Source { get; set; } = "";

    /// <summary>The run it came from.</summary>
    [VectorStoreData]
    public string? RunId { get; set; }

    /// <summary>The run's step it came from (facts: the step of the remember call).</summary>
    [VectorStoreData]
    public int? Step { get; set; }

    /// <summary>When it was stored (UTC).</summary>
    [VectorStoreData]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The embedding model that made <see cref="Embedding"/>; searches compare only embeddings of the same model.</summary>
    [VectorStoreData]
    public string EmbeddingModel { get; set; } = "";

    /// <summary>The embedding. The attribute names the offline embedding's size; the stores keep any size.</summary>
    [VectorStoreVector(OfflineEmbeddingGenerator.DefaultDimensions, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float> Embedding { get; set; }

    /// <summary>A copy (the stores hand out copies, so a caller's change never reaches the store).</summary>
    public MemoryRecord Clone(bool includeVector = true)
    {
        var copy = (MemoryRecord)MemberwiseClone();
        copy.Embedding = includeVector ? Embedding.ToArray() : ReadOnlyMemory<float>.Empty;
        return copy;
    }
}

/// <summary>The kinds of memory.</summary>
public static class MemoryKinds
{
    /// <summary>A past run (goal, outcome, steps, tools, failures) and its lesson.</summary>
    public const string Episode = "episode";

    /// <summary>A fact the agent remembered with the remember tool.</summary>
    public const string Fact = "fact";

    /// <summary>True for a known kind.</summary>
    public static bool IsValid(string? kind) => kind is Episode or Fact;
}

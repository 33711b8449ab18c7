using System.Text;
using Microsoft.Extensions.AI;

namespace DurableAgents.Memory;

/// <summary>
/// A deterministic, offline embedding for the demo and the tests: feature hashing of word stems and stem pairs into a fixed-size,
/// unit-length vector. It is not a language model's embedding (its model id says so): texts are close when they share words
/// (customer ~ customers, delete ~ deleted), not when they mean the same in other words.
/// </summary>
/// <remarks>
/// Same text, same vector, on every machine: the hash is FNV-1a over UTF-8, never <see cref="string.GetHashCode()"/>. Written here
/// because no offline embedding generator is served; real deployments use a model's (OpenAI's through Microsoft.Extensions.AI.OpenAI).
/// </remarks>
public sealed class OfflineEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The vector size.</summary>
    public const int DefaultDimensions = 256;

    /// <summary>The model id every vector carries.</summary>
    public const string ModelName = "offline-hashing-embedding-v1 (deterministic word hashing, not a language model)";

    private static readonly EmbeddingGeneratorMetadata Metadata = new("offline", null, ModelName, DefaultDimensions);

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value ?? "")) { ModelId = ModelName, CreatedAt = null });
        }

        return Task.FromResult(embeddings);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>The vector of one text.</summary>
    public static float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[DefaultDimensions];
        var stems = TextStems.Of(text);
        for (var i = 0; i < stems.Count; i++)
        {
            Add(vector, stems[i], 1f);
            if (i > 0)
            {
                Add(vector, stems[i - 1] + " " + stems[i], 0.5f); // pairs keep a little of the word order
            }
        }

        var length = MathF.Sqrt(vector.Sum(x => x * x));
        if (length > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= length;
            }
        }

        return vector;
    }

    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = Fnv1a(feature);
        // The low bits pick the slot, a high bit the sign, so colliding features cancel out on average instead of adding up.
        vector[(int)(hash % DefaultDimensions)] += (hash & 0x8000_0000) == 0 ? weight : -weight;
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}

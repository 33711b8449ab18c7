using System.Numerics.Tensors;

namespace DurableAgents.Memory;

/// <summary>Vector arithmetic for exact search.</summary>
public static class VectorMath
{
    /// <summary>The cosine similarity of two vectors of one size (-1 to 1; 0 when either is all zeros), or null when the sizes differ.</summary>
    public static double? Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return null;
        }

        var similarity = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsNaN(similarity) ? 0 : similarity;
    }
}

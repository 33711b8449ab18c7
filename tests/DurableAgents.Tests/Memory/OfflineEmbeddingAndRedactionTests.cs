using DurableAgents.Memory;
using DurableAgents.Privacy;

namespace DurableAgents.Tests.Memory;

public sealed class OfflineEmbeddingAndRedactionTests
{
    [Fact]
    public async Task OfflineEmbedding_IsDeterministicUnitLength_CloseForSharedWords_AndLabelled()
    {
        using var generator = new OfflineEmbeddingGenerator();
        var generated = await generator.GenerateAsync(["Delete the inactive customers", "Delete the inactive customers"]);
        var a = generated[0].Vector.ToArray();

        Assert.Equal(a, generated[1].Vector.ToArray());
        Assert.Equal(OfflineEmbeddingGenerator.DefaultDimensions, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 4);
        Assert.Contains("not a language model", generated[0].ModelId);
        Assert.True(VectorMath.Cosine(a, OfflineEmbeddingGenerator.Embed("deleting inactive customer")) > 0.6);
        Assert.True(VectorMath.Cosine(a, OfflineEmbeddingGenerator.Embed("water the office plants on Monday")) < 0.2);
        Assert.Null(VectorMath.Cosine(a, new float[3]));
        Assert.Equal(0, VectorMath.Cosine(a, new float[a.Length]));
    }

    [Theory]
    [InlineData("key sk-proj-abcdefghijkl used", "abcdefghijkl")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload", "eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFyYmF6==;", "Zm9vYmFyYmF6")]
    [InlineData("https://a.blob.core.windows.net/c?sv=2024&sig=abc%2Fdef123", "abc%2Fdef123")]
    [InlineData("login with password=hunter22 please", "hunter22")]
    public void Redact_RemovesSecretShapedValues(string text, string secret)
    {
        var redacted = SecretRedaction.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedaction.Marker, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_RemovesNamedSecrets_AndLeavesPlainTextAlone()
    {
        Assert.Equal("the [redacted] is here", SecretRedaction.Redact("the tok3n-value is here", ["tok3n-value"]));
        Assert.Equal("Invoices go to Dana; pay within 30 days.", SecretRedaction.Redact("Invoices go to Dana; pay within 30 days."));
    }
}

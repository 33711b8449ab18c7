using System.Runtime.InteropServices;
using System.Text.Json;

namespace DurableAgents.Memory;

/// <summary>A memory as bytes, for key-value stores: JSON with the embedding as base64 of its little-endian floats (a third of the size of a number list).</summary>
public static class MemoryRecordCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The record's bytes.</summary>
    public static byte[] Encode(MemoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var embedding = Convert.ToBase64String(MemoryMarshal.AsBytes(record.Embedding.Span));
        var stored = new Stored(record.Key, record.Agent, record.Kind, record.Scope, record.Text, record.Goal, record.Outcome, record.Steps, record.ToolsUsed,
            record.Failures, record.Avoid, record.Source, record.RunId, record.Step, record.CreatedAt, record.EmbeddingModel, embedding);
        return JsonSerializer.SerializeToUtf8Bytes(stored, Json);
    }

    /// <summary>The record the bytes hold (its embedding only when <paramref name="includeVector"/>).</summary>
    public static MemoryRecord Decode(ReadOnlySpan<byte> bytes, bool includeVector = true)
    {
        var s = JsonSerializer.Deserialize<Stored>(bytes, Json) ?? throw new InvalidDataException("A stored memory is empty.");
        return new MemoryRecord
        {
            Key = s.Key, Agent = s.Agent, Kind = s.Kind, Scope = s.Scope ?? "", Text = s.Text ?? "", Goal = s.Goal, Outcome = s.Outcome, Steps = s.Steps,
            ToolsUsed = s.ToolsUsed, Failures = s.Failures, Avoid = s.Avoid, Source = s.Source ?? "", RunId = s.RunId, Step = s.Step,
            CreatedAt = s.CreatedAt, EmbeddingModel = s.EmbeddingModel ?? "",
            Embedding = includeVector ? FromBase64(s.Embedding) : ReadOnlyMemory<float>.Empty,
        };
    }

    /// <summary>The floats of a base64 embedding.</summary>
    public static float[] FromBase64(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return [];
        }

        var bytes = Convert.FromBase64String(base64);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private sealed record Stored(
        string Key, string Agent, string Kind, string? Scope, string? Text, string? Goal, string? Outcome, int Steps, string? ToolsUsed, string? Failures,
        string? Avoid, string? Source, string? RunId, int? Step, DateTimeOffset CreatedAt, string? EmbeddingModel, string? Embedding);
}

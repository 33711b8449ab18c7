using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>How an instance record's JSON is laid out in its table entity.</summary>
/// <remarks>
/// A string property holds at most 32K characters and an entity 1 MiB, so the JSON is split over properties R0, R1, ...; a record
/// larger than <see cref="MaxInlineChars"/> goes to a blob that the entity's <c>Body</c> property names.
/// </remarks>
internal static class StateEntity
{
    /// <summary>Inline parts per entity: 14 x 64 KiB (UTF-16) stays under the 1 MiB entity limit with room for keys.</summary>
    public const int MaxParts = 14;

    /// <summary>The longest JSON kept inline.</summary>
    public const int MaxInlineChars = MaxParts * TableEntity.MaxStringPropertyChars;

    private const string BodyProperty = "Body";

    public static bool Fits(string json) => json.Length <= MaxInlineChars - MaxParts; // room for parts shortened at a surrogate pair

    public static IReadOnlyDictionary<string, string> Split(string json)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var start = 0; start < json.Length || parts.Count == 0;)
        {
            var length = Math.Min(TableEntity.MaxStringPropertyChars, json.Length - start);
            if (length > 0 && start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--; // never split a surrogate pair: each part must be valid text on its own
            }

            parts[PartName(parts.Count)] = json.Substring(start, length);
            start += length;
        }

        return parts;
    }

    public static IReadOnlyDictionary<string, string> PointTo(string blobName) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [BodyProperty] = blobName };

    public static string? BodyOf(TableEntity entity) => entity.Properties.GetValueOrDefault(BodyProperty);

    public static string Join(TableEntity entity)
    {
        var parts = new List<string>();
        while (entity.Properties.TryGetValue(PartName(parts.Count), out var part))
        {
            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            throw new InvalidDataException($"The state entity '{entity.PartitionKey}' has neither R0 nor Body; it was not written by this backend.");
        }

        return string.Concat(parts);
    }

    private static string PartName(int index) => "R" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

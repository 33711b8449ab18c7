using Azure;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>A table entity with string properties only (the one property type this backend writes).</summary>
/// <param name="PartitionKey">The partition key.</param>
/// <param name="RowKey">The row key.</param>
/// <param name="Properties">The entity's string properties; properties of other types are left out when read.</param>
/// <param name="ETag">The entity's ETag as the service returned it (default when the entity was not read from the service).</param>
public sealed record TableEntity(string PartitionKey, string RowKey, IReadOnlyDictionary<string, string> Properties, ETag ETag = default)
{
    /// <summary>The largest string property the service accepts, in UTF-16 characters (64 KiB).</summary>
    public const int MaxStringPropertyChars = 32 * 1024;

    /// <summary>At most this many custom properties per entity (the service allows 252 plus its three system ones).</summary>
    public const int MaxProperties = 252;
}

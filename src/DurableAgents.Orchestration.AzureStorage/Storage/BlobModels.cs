using Azure;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Optional preconditions and lease for a blob request.</summary>
public sealed class BlobConditions
{
    /// <summary>Only succeed if the blob's ETag matches (412 otherwise).</summary>
    public ETag? IfMatch { get; init; }

    /// <summary>Only succeed if the ETag differs; <see cref="ETag.All"/> (<c>*</c>) means "only if the blob does not exist".</summary>
    public ETag? IfNoneMatch { get; init; }

    /// <summary>The active lease id, required to write or delete a leased blob.</summary>
    public string? LeaseId { get; init; }

    /// <summary>Conditions that make an upload create the blob only if it is absent (409 BlobAlreadyExists otherwise).</summary>
    public static BlobConditions CreateOnly { get; } = new() { IfNoneMatch = ETag.All };

    /// <summary>Conditions that require the blob's current ETag to be <paramref name="etag"/>.</summary>
    public static BlobConditions Matching(ETag etag) => new() { IfMatch = etag };
}

/// <summary>Options for uploading a block blob.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Preconditions and lease for the write.</summary>
    public BlobConditions? Conditions { get; init; }

    /// <summary>The Content-Type stored with the blob (default <c>application/octet-stream</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>Metadata (x-ms-meta-*) stored with the blob; names must be C# identifiers.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>The outcome of a successful write.</summary>
/// <param name="ETag">The blob's new ETag.</param>
/// <param name="LastModified">When the blob was written.</param>
public sealed record BlobWriteResult(ETag ETag, DateTimeOffset LastModified);

/// <summary>A blob's system properties and metadata.</summary>
/// <param name="ETag">The current ETag.</param>
/// <param name="LastModified">When the blob last changed.</param>
/// <param name="ContentLength">Its size in bytes.</param>
/// <param name="ContentType">Its stored Content-Type.</param>
/// <param name="LeaseState">available, leased, expired, breaking or broken.</param>
/// <param name="LeaseStatus">locked or unlocked.</param>
/// <param name="Metadata">Its x-ms-meta-* values.</param>
public sealed record BlobProperties(
    ETag ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    string? LeaseState,
    string? LeaseStatus,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>A downloaded blob.</summary>
/// <param name="Content">The bytes (empty when <paramref name="NotModified"/>).</param>
/// <param name="Properties">The blob's properties at download time.</param>
/// <param name="NotModified">True when If-None-Match matched the current ETag (HTTP 304) and no content was sent.</param>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Properties, bool NotModified);

/// <summary>A blob seen in a listing.</summary>
/// <param name="Name">The full blob name.</param>
/// <param name="ETag">Its ETag.</param>
/// <param name="LastModified">When it last changed.</param>
/// <param name="ContentLength">Its size in bytes.</param>
/// <param name="LeaseState">Its lease state, if reported.</param>
public sealed record BlobItem(string Name, ETag ETag, DateTimeOffset LastModified, long ContentLength, string? LeaseState);

/// <summary>One page of a blob listing.</summary>
/// <param name="Blobs">The blobs on this page.</param>
/// <param name="NextMarker">Pass to the next call to continue; null when the listing is complete.</param>
public sealed record BlobPage(IReadOnlyList<BlobItem> Blobs, string? NextMarker);

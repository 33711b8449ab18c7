using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Operations on one block blob over the REST API.</summary>
public sealed partial class BlobClient
{
    /// <summary>Uploads larger than this use Put Block + Put Block List instead of one Put Blob.</summary>
    public const long SinglePutLimitBytes = 64L * 1024 * 1024;

    private readonly StorageConnection _connection;
    private readonly StoragePipeline _pipeline;

    internal BlobClient(StorageConnection connection, BlobContainerClient container, string blobName)
    {
        StorageNames.ValidateBlobName(blobName);
        _connection = connection;
        _pipeline = connection.Pipeline;
        ContainerName = container.Name;
        Name = blobName;
        Uri = StorageUri.Build(container.Uri, StorageUri.EscapeBlobName(blobName));
    }

    /// <summary>The container name.</summary>
    public string ContainerName { get; }

    /// <summary>The blob name.</summary>
    public string Name { get; }

    /// <summary>The blob URL.</summary>
    public Uri Uri { get; }

    // Tests lower this to exercise the block path without uploading 64 MiB.
    internal long SinglePutLimit { get; set; } = SinglePutLimitBytes;

    internal int BlockSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Creates or replaces the blob with <paramref name="content"/>, honouring the options' conditions.</summary>
    /// <returns>The new ETag; 409 <c>BlobAlreadyExists</c> for If-None-Match: *, 412 for an If-Match or lease mismatch.</returns>
    public async Task<BlobWriteResult> UploadAsync(
        BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = content.ToMemory();
        if (bytes.Length > SinglePutLimit)
        {
            return await UploadInBlocksAsync(bytes, options, cancellationToken).ConfigureAwait(false);
        }

        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", options?.ContentType ?? "application/octet-stream");
        BlobHeaders.Apply(request, options?.Conditions);
        BlobHeaders.ApplyMetadata(request, options?.Metadata);
        request.Content = RequestContent.Create(bytes);
        var response = await _pipeline.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return BlobHeaders.WriteResult(response);
    }

    /// <summary>Downloads the blob; with <see cref="BlobConditions.IfNoneMatch"/> equal to the current ETag returns NotModified.</summary>
    public async Task<BlobDownloadResult> DownloadAsync(BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
        BlobHeaders.Apply(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200, 304).ConfigureAwait(false);
        if (response.Status == 304)
        {
            // A 304 may omit the ETag (Azurite does); it is by definition the one the caller sent.
            var properties = BlobHeaders.Properties(response, conditions?.IfNoneMatch);
            return new BlobDownloadResult(BinaryData.Empty, properties, NotModified: true);
        }

        // Copy out of the pipeline's buffer so the result outlives the disposed response.
        return new BlobDownloadResult(
            BinaryData.FromBytes(response.Content.ToArray()), BlobHeaders.Properties(response), NotModified: false);
    }

    /// <summary>Reads the blob's properties and metadata (404 if it does not exist).</summary>
    public async Task<BlobProperties> GetPropertiesAsync(BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, Uri);
        BlobHeaders.Apply(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return BlobHeaders.Properties(response);
    }

    /// <summary>Returns true if the blob exists.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, Uri);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 200;
    }

    /// <summary>Deletes the blob (and its snapshots); 404 if absent, 412 if a condition or lease does not match.</summary>
    public async Task DeleteAsync(BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDelete(conditions);
        await _pipeline.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob if it exists; returns false if it did not.</summary>
    public async Task<bool> DeleteIfExistsAsync(BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDelete(conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    /// <summary>Replaces the blob's metadata; returns the new ETag.</summary>
    public async Task<BlobWriteResult> SetMetadataAsync(
        IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var message = _pipeline.CreateMessage(RequestMethod.Put, StorageUri.Build(Uri, "", ("comp", "metadata")));
        BlobHeaders.Apply(message.Request, conditions);
        BlobHeaders.ApplyMetadata(message.Request, metadata);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return BlobHeaders.WriteResult(response);
    }

    /// <summary>A lease client for this blob using <paramref name="leaseId"/> (a new GUID when null).</summary>
    public BlobLeaseClient GetLeaseClient(string? leaseId = null) => new(_pipeline, Uri, leaseId ?? Guid.NewGuid().ToString());

    private HttpMessage CreateDelete(BlobConditions? conditions)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Delete, Uri);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        BlobHeaders.Apply(message.Request, conditions);
        return message;
    }
}

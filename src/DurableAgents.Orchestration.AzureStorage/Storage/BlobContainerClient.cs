using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Operations on one blob container over the REST API.</summary>
public sealed class BlobContainerClient
{
    private readonly StorageConnection _connection;
    private readonly StoragePipeline _pipeline;

    /// <summary>Creates a client for <paramref name="containerName"/> on <paramref name="connection"/>.</summary>
    public BlobContainerClient(StorageConnection connection, string containerName)
    {
        ArgumentNullException.ThrowIfNull(connection);
        StorageNames.ValidateContainerName(containerName);
        _connection = connection;
        _pipeline = connection.Pipeline;
        Name = containerName;
        Uri = StorageUri.Build(connection.BlobEndpoint, containerName);
    }

    /// <summary>The container name.</summary>
    public string Name { get; }

    /// <summary>The container URL.</summary>
    public Uri Uri { get; }

    /// <summary>A client for the blob <paramref name="blobName"/> in this container.</summary>
    public BlobClient GetBlobClient(string blobName) => new(_connection, this, blobName);

    /// <summary>Creates the container; returns false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, StorageUri.Build(Uri, "", ("restype", "container")));
        var response = await _pipeline.SendAsync(message, cancellationToken, 201, 409).ConfigureAwait(false);
        if (response.Status == 409 && !IsCode(response, StorageErrorCodes.ContainerAlreadyExists))
        {
            // A 409 for another reason (e.g. the container is being deleted) is a real failure.
            throw StoragePipeline.CreateException(message.Request, response);
        }

        return response.Status == 201;
    }

    /// <summary>Deletes the container and its blobs; returns false if it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, StorageUri.Build(Uri, "", ("restype", "container")));
        var response = await _pipeline.SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    /// <summary>Lists one page of blobs whose names start with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The name prefix, or null for all blobs.</param>
    /// <param name="marker">The <see cref="BlobPage.NextMarker"/> of the previous page, or null for the first page.</param>
    /// <param name="pageSize">At most this many blobs (1..5000); null lets the service choose (5000).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<BlobPage> ListBlobsPageAsync(
        string? prefix = null, string? marker = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The blob service returns 1 to 5000 blobs per page.");
        }

        var uri = StorageUri.Build(Uri, "", ("restype", "container"), ("comp", "list"), ("prefix", prefix),
            ("marker", string.IsNullOrEmpty(marker) ? null : marker),
            ("maxresults", pageSize?.ToString(CultureInfo.InvariantCulture)));
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return BlobListXml.Parse(response.Content.ToMemory());
    }

    /// <summary>Lists every blob whose name starts with <paramref name="prefix"/>, fetching pages as needed.</summary>
    public async IAsyncEnumerable<BlobItem> ListBlobsAsync(
        string? prefix = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListBlobsPageAsync(prefix, marker, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Blobs)
            {
                yield return blob;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    private static bool IsCode(Response response, string code) =>
        response.Headers.TryGetValue("x-ms-error-code", out var actual) && actual == code;
}

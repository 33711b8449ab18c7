using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace DurableAgents.Functions.Hosting;

/// <summary>
/// The app's storage account, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a connection string
/// (<c>UseDevelopmentStorage=true</c> for Azurite), or an identity-based connection (<c>AzureWebJobsStorage__accountName</c> or
/// <c>AzureWebJobsStorage__blobServiceUri</c>, with <c>AzureWebJobsStorage__clientId</c> for a user-assigned identity).
/// </summary>
public static class StorageAccount
{
    /// <summary>The connection's name: the Functions host's own storage, which Durable Functions and the queue trigger use too.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>A blob client for the account, or null when no connection is configured.</summary>
    public static BlobServiceClient? Blobs(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionName] is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }

        var identity = configuration.GetSection(ConnectionName);
        var endpoint = identity["blobServiceUri"]
            ?? (identity["accountName"] is { Length: > 0 } account ? $"https://{account}.blob.core.windows.net" : null);
        if (endpoint is null)
        {
            return null;
        }

        TokenCredential credential = identity["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new BlobServiceClient(new Uri(endpoint), credential);
    }
}

using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace DurableAgents.Functions.Hosting;

/// <summary>
/// The app's storage account, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a connection string
/// (<c>UseDevelopmentStorage=true</c> for Azurite), or an identity-based connection (<c>AzureWebJobsStorage__accountName</c> or
/// <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__tableServiceUri</c>, with <c>AzureWebJobsStorage__clientId</c> for a user-assigned identity).
/// </summary>
public static class StorageAccount
{
    /// <summary>The connection's name: the Functions host's own storage, which Durable Functions and the queue trigger use too.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>A blob client for the account, or null when no connection is configured.</summary>
    public static BlobServiceClient? Blobs(IConfiguration configuration) =>
        Connect(configuration, "blob", c => new BlobServiceClient(c), (uri, credential) => new BlobServiceClient(uri, credential));

    /// <summary>A table client for the account (agent memory), or null when no connection is configured.</summary>
    public static TableServiceClient? Tables(IConfiguration configuration) =>
        Connect(configuration, "table", c => new TableServiceClient(c), (uri, credential) => new TableServiceClient(uri, credential));

    private static T? Connect<T>(IConfiguration configuration, string service, Func<string, T> fromConnectionString, Func<Uri, TokenCredential, T> fromIdentity)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionName] is { Length: > 0 } connectionString)
        {
            return fromConnectionString(connectionString);
        }

        var identity = configuration.GetSection(ConnectionName);
        var endpoint = identity[$"{service}ServiceUri"]
            ?? (identity["accountName"] is { Length: > 0 } account ? $"https://{account}.{service}.core.windows.net" : null);
        if (endpoint is null)
        {
            return null;
        }

        TokenCredential credential = identity["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return fromIdentity(new Uri(endpoint), credential);
    }
}

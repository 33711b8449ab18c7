using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>One storage account: endpoints plus an authenticated, retrying HTTP pipeline shared by its clients.</summary>
public sealed class StorageConnection
{
    /// <summary>The OAuth scope for Azure Storage data-plane access with a <see cref="TokenCredential"/>.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private StorageConnection(Uri blob, Uri queue, Uri? table, string? accountName, bool isDev, StoragePipeline pipeline, StoragePipeline? tablePipeline)
    {
        TablePipeline = tablePipeline;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
        AccountName = accountName;
        IsDevelopmentStorage = isDev;
        Pipeline = pipeline;
    }

    /// <summary>The blob service endpoint.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The queue service endpoint.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The table service endpoint, when known.</summary>
    public Uri? TableEndpoint { get; }

    /// <summary>The account name (null for token-credential connections).</summary>
    public string? AccountName { get; }

    /// <summary>True for <c>UseDevelopmentStorage=true</c>.</summary>
    public bool IsDevelopmentStorage { get; }

    internal StoragePipeline Pipeline { get; }

    /// <summary>The Table service signs and versions requests differently; null without a table endpoint.</summary>
    internal StoragePipeline? TablePipeline { get; }

    /// <summary>Connects with a connection string (Shared Key) and default retry settings.</summary>
    public static StorageConnection FromConnectionString(string connectionString) =>
        Create(new StorageAccountOptions { ConnectionString = connectionString });

    /// <summary>Connects with endpoints and a token credential, e.g. a managed identity.</summary>
    public static StorageConnection FromTokenCredential(Uri blobEndpoint, Uri queueEndpoint, TokenCredential credential) =>
        Create(new StorageAccountOptions { BlobEndpoint = blobEndpoint, QueueEndpoint = queueEndpoint, Credential = credential });

    /// <summary>Connects as described by <paramref name="options"/>.</summary>
    public static StorageConnection Create(StorageAccountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new StorageClientOptions(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var parsed = ConnectionStringParser.Parse(options.ConnectionString);
            var credential = new StorageSharedKeyCredential(parsed.AccountName, parsed.AccountKey);
            var pipeline = HttpPipelineBuilder.Build(clientOptions, new SharedKeySigningPolicy(credential));
            var tablePipeline = HttpPipelineBuilder.Build(clientOptions, new TableSharedKeyLiteSigningPolicy(credential));
            return new StorageConnection(parsed.BlobEndpoint, parsed.QueueEndpoint, parsed.TableEndpoint,
                parsed.AccountName, parsed.IsDevelopmentStorage, new StoragePipeline(pipeline),
                new StoragePipeline(tablePipeline, StoragePipeline.TableServiceVersion));
        }

        if (options.BlobEndpoint is null || options.QueueEndpoint is null || options.Credential is null)
        {
            throw new ArgumentException("Storage options need either ConnectionString, or BlobEndpoint, QueueEndpoint and " +
                "Credential (e.g. new ManagedIdentityCredential()).", nameof(options));
        }

        RequireAbsoluteHttp(options.BlobEndpoint, nameof(options.BlobEndpoint));
        RequireAbsoluteHttp(options.QueueEndpoint, nameof(options.QueueEndpoint));
        var bearer = new BearerTokenAuthenticationPolicy(options.Credential, StorageScope);
        var tokenPipeline = HttpPipelineBuilder.Build(clientOptions, bearer);
        var tableEndpoint = options.TableEndpoint ?? SiblingEndpoint(options.BlobEndpoint, "blob", "table");
        if (tableEndpoint is not null)
        {
            RequireAbsoluteHttp(tableEndpoint, nameof(options.TableEndpoint));
        }

        return new StorageConnection(options.BlobEndpoint, options.QueueEndpoint, tableEndpoint,
            accountName: null, isDev: false, new StoragePipeline(tokenPipeline),
            tableEndpoint is null ? null : new StoragePipeline(tokenPipeline, StoragePipeline.TableServiceVersion));
    }

    /// <summary>A client for the queue <paramref name="queueName"/>.</summary>
    public QueueClient GetQueueClient(string queueName) => new(this, queueName);

    /// <summary>A client for the blob container <paramref name="containerName"/>.</summary>
    public BlobContainerClient GetBlobContainerClient(string containerName) => new(this, containerName);

    /// <summary>A client for the table <paramref name="tableName"/>; needs a table endpoint.</summary>
    public TableClient GetTableClient(string tableName) => new(this, tableName);

    // https://acct.blob.core.windows.net -> https://acct.table.core.windows.net; null when the host does not follow that shape.
    private static Uri? SiblingEndpoint(Uri endpoint, string service, string sibling)
    {
        var marker = "." + service + ".";
        var at = endpoint.Host.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (!endpoint.IsAbsoluteUri || at <= 0)
        {
            return null;
        }

        var host = endpoint.Host[..at] + "." + sibling + "." + endpoint.Host[(at + marker.Length)..];
        return new UriBuilder(endpoint) { Host = host }.Uri;
    }

    private static void RequireAbsoluteHttp(Uri uri, string name)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL, not '{uri}'.", name);
        }
    }

    private sealed class StorageClientOptions : Azure.Core.ClientOptions
    {
        public StorageClientOptions(StorageAccountOptions options)
        {
            if (options.MaxRetries < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries must be 0 or more.");
            }

            Retry.Mode = RetryMode.Exponential;
            Retry.MaxRetries = options.MaxRetries;
            Retry.Delay = options.RetryDelay;
            Retry.MaxDelay = options.MaxRetryDelay;
            Retry.NetworkTimeout = options.NetworkTimeout;
            // Bodies may hold user data; headers are logged through Azure.Core's allow-list (no Authorization).
            Diagnostics.IsLoggingContentEnabled = false;
            if (options.MaxConnectionsPerEndpoint < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxConnectionsPerEndpoint must be 1 or more.");
            }

            Transport = options.Transport ?? new HttpClientTransport(new System.Net.Http.SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.MaxConnectionsPerEndpoint,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            });
        }
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Where a storage account is and how to authenticate and retry against it.</summary>
/// <remarks>
/// Set either <see cref="ConnectionString"/> (Shared Key, including <c>UseDevelopmentStorage=true</c>) or
/// <see cref="BlobEndpoint"/> + <see cref="QueueEndpoint"/> + <see cref="Credential"/> (Microsoft Entra ID,
/// e.g. managed identity).
/// </remarks>
public sealed class StorageAccountOptions
{
    /// <summary>A storage connection string; takes precedence over the endpoint properties when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, e.g. <c>https://myaccount.blob.core.windows.net</c>.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>The queue service endpoint, e.g. <c>https://myaccount.queue.core.windows.net</c>.</summary>
    public Uri? QueueEndpoint { get; set; }

    /// <summary>
    /// The table service endpoint, where the orchestration backend keeps instance state. Optional when
    /// <see cref="BlobEndpoint"/> has the usual <c>https://myaccount.blob.core.windows.net</c> shape: it is then derived.
    /// </summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>The credential used with the endpoint properties (e.g. <c>ManagedIdentityCredential</c>).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How many times a transient failure (network error, 408, 429, 5xx) is retried.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry delay; later delays grow exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest single retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The timeout of one network attempt.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>An optional transport override (tests use it to observe or fake traffic).</summary>
    public HttpPipelineTransport? Transport { get; set; }

    /// <summary>
    /// Open connections per storage endpoint when <see cref="Transport"/> is not set. A fan-out of thousands of messages would
    /// otherwise open thousands of sockets at once, overflow the server's accept backlog and stall on TCP retransmits; beyond the
    /// cap, requests wait for a free connection instead.
    /// </summary>
    public int MaxConnectionsPerEndpoint { get; set; } = 64;
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

/// <summary>
/// Managed identity and other token credentials: requests carry a bearer token for the storage scope and no Shared Key. Azurite
/// here speaks only http, and Azure.Core sends bearer tokens only over https, so a transport answers in place of the service.
/// </summary>
public sealed class TokenCredentialTests
{
    private static readonly Uri Blob = new("https://account.blob.core.windows.net/");
    private static readonly Uri Queue = new("https://account.queue.core.windows.net/");

    [Fact]
    public async Task Requests_CarryABearerTokenForTheStorageScope()
    {
        var credential = new FakeCredential("token-1");
        var transport = new AnsweringTransport(201);
        var connection = StorageConnection.Create(new StorageAccountOptions
        {
            BlobEndpoint = Blob, QueueEndpoint = Queue, Credential = credential, Transport = transport, MaxRetries = 0,
        });

        Assert.True(await connection.GetQueueClient("work").CreateIfNotExistsAsync());
        Assert.True(await connection.GetBlobContainerClient("state").CreateIfNotExistsAsync());

        Assert.Equal(2, transport.Requests.Count);
        Assert.All(transport.Requests, r => Assert.Equal("Bearer token-1", r.Authorization));
        Assert.Equal("https://account.queue.core.windows.net/work", transport.Requests.First().Uri.Split('?')[0]);
        Assert.Contains(StorageConnection.StorageScope, credential.Scopes);
    }

    [Fact]
    public async Task TableRequests_GoToTheTableEndpointDerivedFromTheBlobEndpoint_WithABearerToken()
    {
        var transport = new AnsweringTransport(201);
        var connection = StorageConnection.Create(new StorageAccountOptions
        {
            BlobEndpoint = Blob, QueueEndpoint = Queue, Credential = new FakeCredential("token-2"), Transport = transport, MaxRetries = 0,
        });

        Assert.True(await connection.GetTableClient("hubinstances").CreateIfNotExistsAsync());

        var request = Assert.Single(transport.Requests);
        Assert.Equal("https://account.table.core.windows.net/Tables", request.Uri.Split('?')[0]);
        Assert.Equal("Bearer token-2", request.Authorization);
    }

    [Fact]
    public void TableClient_WithoutATableEndpoint_SaysHowToSetOne()
    {
        var connection = StorageConnection.Create(new StorageAccountOptions
        {
            BlobEndpoint = new Uri("https://storage.example.test/blob"), QueueEndpoint = Queue, Credential = new FakeCredential("t"),
        });

        var error = Assert.Throws<InvalidOperationException>(() => connection.GetTableClient("hubinstances"));

        Assert.Contains("StorageAccountOptions.TableEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenCredential_WithoutEndpoints_SaysWhatIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageConnection.Create(new StorageAccountOptions { Credential = new FakeCredential("t") }));

        Assert.Contains("BlobEndpoint, QueueEndpoint and Credential", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeCredential(string token) : TokenCredential
    {
        public ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Add(scope);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Records each request and answers with a fixed status, with no network at all.</summary>
    private sealed class AnsweringTransport(int status) : HttpPipelineTransport
    {
        private readonly HttpPipelineTransport _requests = new HttpClientTransport();

        public ConcurrentQueue<(string Uri, string? Authorization)> Requests { get; } = new();

        public override Request CreateRequest() => _requests.CreateRequest();

        public override void Process(HttpMessage message) => throw new NotSupportedException("The storage client is async only.");

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("Authorization", out var authorization);
            Requests.Enqueue((message.Request.Uri.ToString(), authorization));
            message.Response = new StatusResponse(status);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class StatusResponse(int status) : Response
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public override int Status => status;

        public override string ReasonPhrase => "Fake";

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var value) ? [value] : null;
            return values is not null;
        }
    }
}

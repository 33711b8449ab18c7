using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OaiChat = OpenAI.Chat;

namespace DurableAgents.Models;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI package's chat completions API, for OpenAI, Azure OpenAI's v1
/// endpoint and OpenAI-compatible servers.
/// </summary>
/// <remarks>
/// The package's own retries are turned off: every failure surfaces once, as a <see cref="ModelCallException"/> that says
/// whether it is transient, so the durable retry policy of the agent run decides about retries.
/// Tool calls whose arguments are not a JSON object are represented as described on <see cref="ToolCallArguments"/>.
/// Streaming is not incremental: <see cref="GetStreamingResponseAsync"/> makes one non-streaming call and yields its
/// whole response as updates, which is enough for a durable agent loop that records whole responses.
/// </remarks>
public sealed class OpenAIChatClient : IChatClient
{
    private readonly OpenAIClient _client;
    private readonly OpenAIModelOptions _options;
    private readonly OpenAIErrorMapper _errors;
    private readonly ChatClientMetadata _metadata;
    private readonly ConcurrentDictionary<string, OaiChat.ChatClient> _chatClients = new(StringComparer.Ordinal);

    /// <summary>Creates a client from validated options.</summary>
    /// <param name="options">Endpoint, key, model and timeout.</param>
    /// <param name="httpClient">An optional HttpClient (for example from IHttpClientFactory); its own Timeout should be infinite or above NetworkTimeout.</param>
    /// <param name="timeProvider">Used to turn a Retry-After date into a delay; the system clock by default.</param>
    public OpenAIChatClient(OpenAIModelOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var endpoint = options.Endpoint;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.NetworkTimeout,
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? OpenAIModelOptions.PlaceholderApiKey : options.ApiKey;
        var header = options.EffectiveApiKeyHeader;
        if (!string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            clientOptions.AddPolicy(new ApiKeyHeaderPolicy(header, key), PipelinePosition.BeforeTransport);
        }

        _client = new OpenAIClient(new ApiKeyCredential(key), clientOptions);
        _errors = new OpenAIErrorMapper(endpoint, options.Model, options.ApiKey, timeProvider ?? TimeProvider.System);
        _metadata = new ChatClientMetadata("openai", endpoint, options.Model);
    }

    /// <summary>The model used when a request's <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string DefaultModel => _options.Model;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var openAIMessages = OpenAIRequestMapper.ToOpenAIMessages(messages, options);
        if (openAIMessages.Count == 0)
        {
            throw new ArgumentException("At least one message is required.", nameof(messages));
        }

        var completionOptions = OpenAIRequestMapper.ToOpenAIOptions(options);
        var chatClient = ChatClientFor(options?.ModelId);
        OaiChat.ChatCompletion completion;
        try
        {
            ClientResult<OaiChat.ChatCompletion> result =
                await chatClient.CompleteChatAsync(openAIMessages, completionOptions, cancellationToken).ConfigureAwait(false);
            completion = result.Value;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // Not our caller's token: the pipeline's network timeout fired.
            throw _errors.Timeout(_options.NetworkTimeout, ex);
        }
        catch (ClientResultException ex)
        {
            throw _errors.FromClientResult(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            throw _errors.FromTransport(ex);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            throw _errors.UnreadableResponse(ex);
        }

        try
        {
            return OpenAIResponseMapper.ToChatResponse(completion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // For example a body with no choices from a loosely compatible server.
            throw _errors.UnreadableResponse(ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>Makes one non-streaming call and yields its response as updates (not token by token).</remarks>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ResponseStreaming.AsUpdatesAsync(token => GetResponseAsync(messages, options, token), cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(OpenAIClient))
        {
            return _client;
        }

        if (serviceType == typeof(OaiChat.ChatClient))
        {
            return ChatClientFor(null);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing owned: the OpenAI clients hold no unmanaged state, and a supplied HttpClient belongs to the caller.
    }

    // The OpenAI package fixes the model per ChatClient, so a per-request ModelId gets its own (cached) ChatClient
    // sharing the same pipeline.
    private OaiChat.ChatClient ChatClientFor(string? modelId)
    {
        var model = string.IsNullOrWhiteSpace(modelId) ? _options.Model : modelId;
        return _chatClients.GetOrAdd(model, m => _client.GetChatClient(m));
    }
}

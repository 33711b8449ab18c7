using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace DurableAgents.Models;

/// <summary>
/// Builds the <see cref="IChatClient"/> for OpenAI, Azure OpenAI's v1 endpoint or an OpenAI-compatible server: the OpenAI
/// package's chat client through Microsoft.Extensions.AI, with model errors mapped, GenAI telemetry and logging.
/// </summary>
/// <remarks>
/// Never adds function invocation: tool calls are durable activities the agent run schedules. The OpenAI client's own retries are
/// off, so every failure surfaces once as a <see cref="ModelCallException"/> and the run's durable retry policy decides.
/// </remarks>
public static class OpenAIModels
{
    /// <summary>The ActivitySource and Meter name of the model calls' GenAI telemetry.</summary>
    public const string TelemetrySourceName = Telemetry.AgentTelemetryNames.ModelSource;

    /// <summary>Creates the chat client for validated options.</summary>
    /// <param name="options">Endpoint, key, model, timeout and whether telemetry may hold message content.</param>
    /// <param name="loggerFactory">Logs of the model calls (never the key; message content only at Trace level).</param>
    /// <param name="httpClient">An optional HttpClient; its own Timeout should be infinite or above the network timeout.</param>
    /// <param name="timeProvider">Turns a Retry-After date into a delay; the system clock by default.</param>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid (the message names it).</exception>
    public static IChatClient CreateChatClient(
        OpenAIModelOptions options, ILoggerFactory? loggerFactory = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        IChatClient chat = CreateOpenAIClient(options, httpClient).GetChatClient(options.Model).AsIChatClient();

        // The first middleware added is the outermost: telemetry and logs see the mapped (key-free) errors.
        var builder = new ChatClientBuilder(chat);
        if (loggerFactory is not null)
        {
            builder.UseLogging(loggerFactory);
        }

        return builder
            .UseOpenTelemetry(loggerFactory, TelemetrySourceName, c => c.EnableSensitiveData = options.EnableSensitiveTelemetryData)
            .UseModelErrors(new ModelErrorsOptions
            {
                Secrets = string.IsNullOrEmpty(options.ApiKey) ? [] : [options.ApiKey],
                NetworkTimeout = options.NetworkTimeout,
                TimeProvider = timeProvider ?? TimeProvider.System,
            })
            .Use(inner => new RawToolArgumentsChatClient(inner))
            .Build();
    }

    /// <summary>The OpenAI package's client for the options: no retries, the network timeout, the key in the right header.</summary>
    internal static OpenAIClient CreateOpenAIClient(OpenAIModelOptions options, HttpClient? httpClient)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.NetworkTimeout,
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? OpenAIModelOptions.PlaceholderApiKey : options.ApiKey);
        var header = options.EffectiveApiKeyHeader;
        if (string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return new OpenAIClient(credential, clientOptions);
        }

        // Azure OpenAI (and some gateways) read the key from a header of its own instead of "Authorization: Bearer".
#pragma warning disable OPENAI001 // The constructor taking an authentication policy is marked for evaluation; OpenAI is pinned and a test checks the header.
        return new OpenAIClient(ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(credential, header), clientOptions);
#pragma warning restore OPENAI001
    }
}

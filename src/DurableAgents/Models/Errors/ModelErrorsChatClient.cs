using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>
/// Turns failures of the inner chat client (System.ClientModel's <see cref="System.ClientModel.ClientResultException"/>, network
/// timeouts, connection failures, unreadable responses) into <see cref="ModelCallException"/>s a durable retry policy can act on.
/// </summary>
/// <remarks>
/// 429 (with Retry-After), 408, 409, 5xx, timeouts and connection failures are transient; 400, 401, 403, 404 and an exhausted
/// quota are not, and the message says which setting to fix. Messages never contain a configured secret or an OpenAI-shaped key,
/// and an inner exception that does is dropped. Cancellation by the caller passes through unchanged.
/// </remarks>
public sealed class ModelErrorsChatClient : DelegatingChatClient
{
    private readonly ModelErrorsOptions _options;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public ModelErrorsChatClient(IChatClient innerClient, ModelErrorsOptions options)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Map(ex, options, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A yield cannot sit inside a try with a catch, so the enumerator is driven by hand.
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (Map(ex, options, cancellationToken) is { } mapped)
        {
            throw mapped;
        }

        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (Map(ex, options, cancellationToken) is { } mapped)
                {
                    throw mapped;
                }

                yield return updates.Current;
            }
        }
    }

    /// <summary>The mapped exception, or null to let <paramref name="exception"/> pass (the caller's cancellation, or already mapped).</summary>
    private ModelCallException? Map(Exception exception, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (exception is ModelCallException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        var metadata = InnerClient.GetService<ChatClientMetadata>();
        var model = options?.ModelId ?? metadata?.DefaultModelId ?? "(default)";
        var mapper = new ModelErrorMapper(metadata?.ProviderUri, model, _options);
        return mapper.Map(exception);
    }
}

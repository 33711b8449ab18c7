using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>Streaming for clients that answer in one piece: the whole response, yielded as updates.</summary>
internal static class ResponseStreaming
{
    /// <summary>Calls <paramref name="getResponse"/> when enumeration starts and yields its response as updates.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> AsUpdatesAsync(
        Func<CancellationToken, Task<ChatResponse>> getResponse, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await getResponse(cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}

using DurableTask.Core;

namespace DurableAgents.DurableTask.Client;

/// <summary>Per named client: the DTFx client it talks to and how it waits for completion.</summary>
internal sealed class ClientProviderOptions
{
    public Func<IServiceProvider, IOrchestrationServiceClient>? Factory { get; set; }

    /// <summary>
    /// True when the provider's <c>WaitForOrchestrationAsync</c> polls on a fixed interval of its own (Azure Storage: 2 s);
    /// the client then polls with a back-off starting at 10 ms instead.
    /// </summary>
    public bool PollForCompletion { get; set; }
}

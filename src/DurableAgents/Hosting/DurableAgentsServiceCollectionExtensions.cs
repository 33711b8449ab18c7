using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Backends.Local;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Pricing;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of DurableAgents.</summary>
public static class DurableAgentsServiceCollectionExtensions
{
    /// <summary>The conversation store's folder inside the file backend's data folder.</summary>
    public const string ConversationsFolder = "conversations";

    /// <summary>Adds agents, the agent-run orchestration, the worker and the clients. Pick a backend on <c>builder.Worker</c>.</summary>
    /// <remarks>
    /// Also adds the <see cref="ModelPriceTable"/> (defaults; register your own first to change prices) and the
    /// <see cref="McpConnectionPool"/> for agents' MCP tools, and the <see cref="IConversationStore"/>: unless one is registered, the embedded backends' own content store (in the file backend's
    /// journal), or an in-memory store for other backends (the host registers a blob store for Azure Storage). The agents' default model is the <c>IChatClient</c> registered in DI.
    /// </remarks>
    public static DurableAgentsBuilder AddDurableAgents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var worker = services.AddDurableTaskWorker();
        worker.AddTasks(AgentRunRegistration.Register);
        services.AddDurableTaskClient();
        services.TryAddSingleton<IAgentCatalog>(sp => new AgentCatalog(sp.GetServices<AgentDefinition>()));
        services.TryAddSingleton<AgentRunClient>();
        services.TryAddSingleton(_ => ModelPriceTable.CreateDefault());
        services.TryAddSingleton(DefaultConversationStore);
        services.TryAddSingleton(sp => new ConversationLog(sp.GetRequiredService<IConversationStore>()));
        services.TryAddSingleton(sp => new McpConnectionPool(sp.GetService<ILoggerFactory>()));
        return new DurableAgentsBuilder(services, worker);
    }

    private static IConversationStore DefaultConversationStore(IServiceProvider services) =>
        services.GetService<IOrchestrationService>() is LocalOrchestrationService local
            ? new BackendConversationStore(local)
            : new InMemoryConversationStore();
}

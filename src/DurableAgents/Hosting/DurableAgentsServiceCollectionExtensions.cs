using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Hosting;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Pricing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of DurableAgents.</summary>
public static class DurableAgentsServiceCollectionExtensions
{
    /// <summary>
    /// Adds agents, the agent-run orchestration and its activities on the Durable Task worker, the Durable Task client and the run
    /// client. Pick the provider on <c>builder.Worker</c> and <c>builder.Client</c>.
    /// </summary>
    /// <remarks>
    /// Also adds the <see cref="ModelPriceTable"/> (defaults; register your own first to change prices), the
    /// <see cref="McpConnectionPool"/> for agents' MCP tools and, unless one is registered, an in-memory
    /// <see cref="IConversationStore"/> (the host registers the provider's own: a SQLite table, or blobs for Azure Storage).
    /// The agents' default model is the <c>IChatClient</c> registered in DI.
    /// </remarks>
    public static DurableAgentsBuilder AddDurableAgents(this IServiceCollection services) => services.AddDurableAgents(new DurableAgentsOptions());

    /// <summary>Adds DurableAgents as <see cref="AddDurableAgents(IServiceCollection)"/> does, with the choices in <paramref name="options"/>.</summary>
    public static DurableAgentsBuilder AddDurableAgents(this IServiceCollection services, DurableAgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var worker = services.AddDurableTaskWorker();
        if (options.RegisterTasks)
        {
            services.AddOptions<DurableTaskRegistry>(worker.Name).Configure<IAgentCatalog>(AgentRunRegistration.Register);
        }

        var client = services.AddDurableTaskClient();
        worker.Configure(o => o.DataConverter = AgentDataConverter.Default);
        client.Configure(o => o.DataConverter = AgentDataConverter.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentCatalog>(sp => new AgentCatalog(sp.GetServices<AgentDefinition>()));
        services.TryAddSingleton<AgentRunClient>();
        services.TryAddSingleton<AgentRunClientFactory>();
        services.TryAddSingleton(_ => ModelPriceTable.CreateDefault());
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton(sp => new ConversationLog(sp.GetRequiredService<IConversationStore>()));
        services.TryAddSingleton(sp => new McpConnectionPool(sp.GetService<ILoggerFactory>()));
        return new DurableAgentsBuilder(services, worker, client) { RegistersTasks = options.RegisterTasks };
    }
}

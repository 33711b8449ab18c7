using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Hosting;
using DurableAgents.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Pricing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using DurableAgents.Telemetry;
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
    /// <see cref="McpConnectionPool"/> for agents' MCP tools, the <see cref="AgentTelemetry"/> (spans and metrics; see
    /// <see cref="AgentTelemetryNames"/>) and, unless one is registered, an in-memory
    /// <see cref="IConversationStore"/> (the host registers the provider's own: a SQLite table, or blobs for Azure Storage), and
    /// the <see cref="AgentMemory"/> over an in-process memory collection with the offline embedding unless the host registers a
    /// <c>VectorStoreCollection&lt;string, MemoryRecord&gt;</c> and an <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> first.
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
            services.AddOptions<DurableTaskRegistry>(worker.Name).Configure<IAgentCatalog, AgentTelemetry>(AgentRunRegistration.Register);
        }

        var client = services.AddDurableTaskClient();
        worker.Configure(o => o.DataConverter = AgentDataConverter.Default);
        client.Configure(o => o.DataConverter = AgentDataConverter.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentCatalog>(sp => new AgentCatalog(sp.GetServices<AgentDefinition>()));
        services.TryAddSingleton<AgentRunClient>();
        services.TryAddSingleton<AgentRunClientFactory>();
        services.TryAddSingleton(new DurableAgents.Sessions.SessionOptions());
        services.TryAddSingleton<DurableAgents.Sessions.SessionClient>();
        services.TryAddSingleton<DurableAgents.Sessions.SessionClientFactory>();
        services.TryAddSingleton(_ => ModelPriceTable.CreateDefault());
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton(sp => new ConversationLog(sp.GetRequiredService<IConversationStore>()));
        services.TryAddSingleton(sp => new DurableAgents.Runs.Audit.AuditLog(sp.GetRequiredService<IConversationStore>()));
        services.TryAddSingleton(sp => new McpConnectionPool(sp.GetService<ILoggerFactory>()));
        AddMemoryDefaults(services);
        AgentTelemetryRegistration.Add(services);
        return new DurableAgentsBuilder(services, worker, client) { RegistersTasks = options.RegisterTasks };
    }

    /// <summary>Agent memory unless the host registered its own store or embeddings: process memory and the offline embedding.</summary>
    private static void AddMemoryDefaults(IServiceCollection services)
    {
        services.TryAddSingleton<VectorStoreCollection<string, MemoryRecord>, InMemoryMemoryCollection>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, OfflineEmbeddingGenerator>();
        services.TryAddSingleton(sp => new AgentMemory(
            sp.GetRequiredService<VectorStoreCollection<string, MemoryRecord>>(), sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<TimeProvider>()));
    }
}

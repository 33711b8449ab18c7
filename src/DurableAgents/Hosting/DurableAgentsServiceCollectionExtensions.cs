using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Runs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of DurableAgents.</summary>
public static class DurableAgentsServiceCollectionExtensions
{
    /// <summary>Adds agents, the agent-run orchestration, the worker and the clients. Pick a backend on <c>builder.Worker</c>.</summary>
    public static DurableAgentsBuilder AddDurableAgents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var worker = services.AddDurableTaskWorker();
        worker.AddTasks(AgentRunRegistration.Register);
        services.AddDurableTaskClient();
        services.TryAddSingleton<IAgentCatalog>(sp => new AgentCatalog(sp.GetServices<AgentDefinition>()));
        services.TryAddSingleton<AgentRunClient>();
        return new DurableAgentsBuilder(services, worker);
    }
}

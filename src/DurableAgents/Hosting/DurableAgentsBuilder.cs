using DurableAgents.Agents;
using DurableAgents.Orchestration.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Hosting;

/// <summary>Configures agents, their runs, and the worker they run on.</summary>
public sealed class DurableAgentsBuilder
{
    internal DurableAgentsBuilder(IServiceCollection services, DurableTaskWorkerBuilder worker)
    {
        Services = services;
        Worker = worker;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The durable task worker (pick its backend here: UseFileBackend, UseInMemoryBackend, ...).</summary>
    public DurableTaskWorkerBuilder Worker { get; }

    /// <summary>Adds an agent.</summary>
    public DurableAgentsBuilder AddAgent(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Services.AddSingleton(agent);
        return this;
    }

    /// <summary>Adds an agent configured in code.</summary>
    public DurableAgentsBuilder AddAgent(string name, Action<AgentDefinition> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var agent = new AgentDefinition(name);
        configure(agent);
        return AddAgent(agent);
    }
}

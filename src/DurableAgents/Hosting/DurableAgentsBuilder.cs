using DurableAgents.Agents;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Hosting;

/// <summary>Configures agents, their runs, and the worker they run on.</summary>
public sealed class DurableAgentsBuilder
{
    internal DurableAgentsBuilder(IServiceCollection services, IDurableTaskWorkerBuilder worker, IDurableTaskClientBuilder client)
    {
        Services = services;
        Worker = worker;
        Client = client;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The Durable Task worker that runs the agents' orchestrations (pick its provider here: UseSqlite, UseAzureStorage, ...).</summary>
    public IDurableTaskWorkerBuilder Worker { get; }

    /// <summary>The Durable Task client the run client uses (point it at the same provider as the worker).</summary>
    public IDurableTaskClientBuilder Client { get; }

    /// <summary>Whether the agents' orchestrations and activities are in the worker's registry (see <see cref="DurableAgentsOptions.RegisterTasks"/>).</summary>
    public bool RegistersTasks { get; init; } = true;

    /// <summary>Adds an agent.</summary>
    public DurableAgentsBuilder AddAgent(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        agent.Policy.Memory.Validate();
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

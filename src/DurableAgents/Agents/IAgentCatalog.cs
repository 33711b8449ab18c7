namespace DurableAgents.Agents;

/// <summary>The agents registered in this host.</summary>
public interface IAgentCatalog
{
    /// <summary>All agents, by name.</summary>
    IReadOnlyList<AgentDefinition> Agents { get; }

    /// <summary>The agent with this name (case-insensitive), or null.</summary>
    AgentDefinition? Find(string name);
}

/// <summary>The default catalog over the definitions registered in DI.</summary>
public sealed class AgentCatalog : IAgentCatalog
{
    private readonly Dictionary<string, AgentDefinition> _byName;

    /// <summary>Creates the catalog; names must be unique.</summary>
    public AgentCatalog(IEnumerable<AgentDefinition> agents)
    {
        _byName = new Dictionary<string, AgentDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var agent in agents)
        {
            if (!_byName.TryAdd(agent.Name, agent))
            {
                throw new InvalidOperationException($"Two agents are named '{agent.Name}'; agent names must be unique.");
            }
        }

        Agents = _byName.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var agent in Agents.Where(a => a.Pattern is not null))
        {
            var missing = agent.Pattern!.Agents.Where(name => !_byName.ContainsKey(name)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Agent '{agent.Name}' hands work to {string.Join(", ", missing.Select(m => $"'{m}'"))}, which {(missing.Count == 1 ? "is" : "are")} not registered; add {(missing.Count == 1 ? "it" : "them")} with AddAgent.");
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<AgentDefinition> Agents { get; }

    /// <inheritdoc />
    public AgentDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}

using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>An agent: who it is, what it may use, and the rules its runs follow.</summary>
public sealed class AgentDefinition
{
    /// <summary>Creates a definition.</summary>
    public AgentDefinition(string name)
    {
        if (!AgentNames.IsValid(name, out var error))
        {
            throw new ArgumentException(error, nameof(name));
        }

        Name = name;
    }

    /// <summary>The unique agent name (URL-safe).</summary>
    public string Name { get; }

    /// <summary>A one-line description (shown in listings and to a supervisor agent when this agent is a sub-agent).</summary>
    public string? Description { get; set; }

    /// <summary>The system instructions.</summary>
    public string Instructions { get; set; } = "You are a helpful agent. Use the tools when they help, then answer.";

    /// <summary>The model; null uses the <see cref="IChatClient"/> registered in DI.</summary>
    public IChatClient? Model { get; set; }

    /// <summary>The model id used for the price table; the model's own metadata when null.</summary>
    public string? ModelId { get; set; }

    /// <summary>The tools.</summary>
    public List<AgentTool> Tools { get; } = [];

    /// <summary>Names of other agents this agent may call as tools (sub-agents, run as sub-orchestrations).</summary>
    public List<string> SubAgents { get; } = [];

    /// <summary>The policy.</summary>
    public AgentPolicy Policy { get; set; } = new();

    /// <summary>The orchestration a run of this agent is when not the model-and-tools loop (a supervisor team, a pipeline, ...); null for the loop.</summary>
    /// <remarks>A pattern agent's <see cref="Model"/> and <see cref="Instructions"/> serve the pattern's own decisions (what to delegate, a plan, a confidence score).</remarks>
    public AgentPattern? Pattern { get; set; }

    /// <summary>The Azure Storage queue that starts runs of this agent; the host's default queue when null.</summary>
    public string? QueueName { get; set; }
}

/// <summary>Rules for agent names.</summary>
public static class AgentNames
{
    /// <summary>True when the name is 1-64 letters, digits, '-' or '_'.</summary>
    public static bool IsValid(string? name, out string error)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            error = $"Agent name '{name}' is not valid: use 1 to 64 letters, digits, '-' or '_'.";
            return false;
        }

        error = "";
        return true;
    }
}

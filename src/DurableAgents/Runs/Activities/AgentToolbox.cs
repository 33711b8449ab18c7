using System.Text.Json;
using DurableAgents.Agents;
using Microsoft.DurableTask;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Runs.Activities;

/// <summary>What an agent offers the model: its tools as declarations (never invocable by the client) and its sub-agents.</summary>
public static class AgentToolbox
{
    /// <summary>The JSON schema of a sub-agent tool: one required string, the task.</summary>
    public static readonly JsonElement SubAgentSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"task":{"type":"string","description":"The task for the sub-agent, with all the context it needs."}},"required":["task"]}""")
        .RootElement.Clone();

    /// <summary>The JSON schema of the runtime's escalate_to_human tool: why, and what was tried.</summary>
    public static readonly JsonElement EscalationSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"reason":{"type":"string","description":"Why a human must take over: what blocks the task."},"tried":{"type":"string","description":"What you tried and how each attempt ended."}},"required":["reason"]}""")
        .RootElement.Clone();

    /// <summary>What the escalate_to_human tool says to the model.</summary>
    public const string EscalationDescription =
        "Hands the task to a human when you cannot finish it with your tools, or a sub-agent failed or was refused: the run pauses until "
        + "a person answers, and their answer comes back as this tool's result. Say why, and what you tried.";

    /// <summary>
    /// The declarations sent to the model. An MCP tool without a pinned schema is declared with the description and schema its
    /// server lists (through <paramref name="mcp"/>, in the calling activity); while the server is down it is declared as
    /// configured, with a note, so the model can still plan around it.
    /// </summary>
    public static async Task<IList<AITool>> DeclarationsAsync(
        AgentDefinition definition, IAgentCatalog catalog, McpConnectionPool? mcp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(catalog);
        var tools = new List<AITool>();
        foreach (var tool in definition.Tools)
        {
            // Declarations only: a client must never run a tool itself; tool calls are durable activities.
            tools.Add(tool.Function is McpToolFunction { HasPinnedSchema: false } remote && mcp is not null
                ? await McpDeclarationAsync(remote, mcp, cancellationToken)
                : tool.Function.AsDeclarationOnly());
        }

        foreach (var name in definition.SubAgents)
        {
            var sub = catalog.Find(name);
            var description = $"Delegates a task to the '{name}' agent and returns its answer. {sub?.Description}".Trim();
            tools.Add(AIFunctionFactory.CreateDeclaration(name, description, SubAgentSchema));
        }

        if (definition.Policy.AllowEscalation && !definition.Tools.Any(t => t.Name == Runs.AgentRunNames.EscalationTool))
        {
            tools.Add(AIFunctionFactory.CreateDeclaration(Runs.AgentRunNames.EscalationTool, EscalationDescription, EscalationSchema));
        }

        return tools;
    }

    private static async Task<AITool> McpDeclarationAsync(McpToolFunction tool, McpConnectionPool mcp, CancellationToken cancellationToken)
    {
        var listed = await mcp.TryListToolsAsync(tool.Server, cancellationToken);
        if (listed?.FirstOrDefault(t => string.Equals(t.Name, tool.Name, StringComparison.Ordinal)) is { } found)
        {
            return AIFunctionFactory.CreateDeclaration(tool.Name, tool.Tool.Description ?? found.Description ?? tool.Description, found.InputSchema);
        }

        var note = listed is null
            ? $" (The MCP server '{tool.Server.Name}' is unavailable right now; calls fail until it is back.)"
            : $" (The MCP server '{tool.Server.Name}' does not list this tool now; calls will likely fail.)";
        return AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description + note, tool.JsonSchema);
    }

    /// <summary>The agent's model: its own, else the <see cref="IChatClient"/> registered in DI.</summary>
    public static IChatClient ResolveModel(AgentDefinition definition, IServiceProvider services) =>
        definition.Model
        ?? services.GetService<IChatClient>()
        ?? throw new NonRetriableException(
            $"Agent '{definition.Name}' has no model: set AgentDefinition.Model, or register an IChatClient in DI "
            + "(for example services.AddOpenAIChatClient(...), or OfflineChatClient for a keyless demo).");

    /// <summary>The agent, or a non-retriable failure naming it.</summary>
    public static AgentDefinition Find(IAgentCatalog catalog, string agent) =>
        catalog.Find(agent) ?? throw new NonRetriableException(new AgentNotFoundException(agent).Message);
}

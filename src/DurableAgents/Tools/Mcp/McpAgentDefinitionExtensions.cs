using DurableAgents.Agents;

namespace DurableAgents.Tools.Mcp;

/// <summary>Gives an agent the tools of an MCP server.</summary>
public static class McpAgentDefinitionExtensions
{
    /// <summary>
    /// Adds each tool <paramref name="server"/> names as an <see cref="AgentTool"/> (permission <see cref="ToolPermission.Write"/>
    /// unless configured, approval, timeout, result cap and idempotency as configured); nothing connects until a run calls one.
    /// </summary>
    /// <exception cref="ArgumentException">The server's options are invalid, or a tool's name is already one of the agent's tools.</exception>
    public static AgentDefinition AddMcpServer(this AgentDefinition agent, McpServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(server);
        server.Validate();
        foreach (var tool in server.Tools)
        {
            if (agent.Tools.Any(t => string.Equals(t.Name, tool.Name, StringComparison.Ordinal)) || agent.SubAgents.Contains(tool.Name, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Agent '{agent.Name}' already has a tool named '{tool.Name}'; MCP server '{server.Name}' cannot add another. Leave one of them out.");
            }
        }

        foreach (var tool in server.Tools)
        {
            agent.Tools.Add(new AgentTool(new McpToolFunction(server, tool))
            {
                Permission = tool.Permission ?? server.Permission,
                RequiresApproval = tool.RequiresApproval ?? server.RequiresApproval,
                Timeout = tool.Timeout,
                MaxResultChars = tool.MaxResultChars,
                IsIdempotent = tool.IsIdempotent,
            });
        }

        return agent;
    }
}

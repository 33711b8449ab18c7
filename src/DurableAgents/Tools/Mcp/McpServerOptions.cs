using DurableAgents.Agents;

namespace DurableAgents.Tools.Mcp;

/// <summary>
/// An MCP server an agent takes tools from: a command started over stdio, or a streamable HTTP endpoint; and which of its tools
/// the agent may call, with their policy. Binds from configuration (for example a <c>McpServers:NAME</c> section).
/// </summary>
/// <remarks>
/// The tool list is a snapshot named here, not whatever the server lists at run time: the agent-run orchestration decides on
/// every call (unknown tool, permission, approval) from it, and those decisions must replay the same way however the server
/// changes. The descriptions and parameter schemas the model sees come from the server (listed in the model-call activity)
/// unless a tool's <see cref="McpToolOptions.InputSchema"/> pins them.
/// </remarks>
public sealed class McpServerOptions
{
    /// <summary>The server's name (1-64 letters, digits, '-' or '_'), used in messages and as the connection pool's key.</summary>
    public string Name { get; set; } = "";

    /// <summary>The command that starts a stdio server (for example "npx" or "dotnet"); set this or <see cref="Url"/>.</summary>
    public string? Command { get; set; }

    /// <summary>The command's arguments.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Environment variables for the command, added to the SDK's default set (a null value removes one).</summary>
    public Dictionary<string, string?> Environment { get; set; } = [];

    /// <summary>The command's working directory; the host's when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The streamable HTTP endpoint (for example https://host/mcp); set this or <see cref="Command"/>.</summary>
    public Uri? Url { get; set; }

    /// <summary>Headers sent with every HTTP request (for example an API key); never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>How long connecting (starting the command, or the HTTP handshake) may take before the server counts as down.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one call may take in the activity (the run's durable per-tool timeout usually ends the wait first).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The permission of this server's tools unless a tool says otherwise; <see cref="ToolPermission.Write"/> by default.</summary>
    public ToolPermission Permission { get; set; } = ToolPermission.Write;

    /// <summary>True when every call to this server's tools needs a human's approval unless a tool says otherwise.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>The tools the agent may call; each becomes an <see cref="AgentTool"/>.</summary>
    public List<McpToolOptions> Tools { get; set; } = [];

    /// <summary>Throws an <see cref="ArgumentException"/> that says which setting is wrong and how to fix it.</summary>
    public void Validate()
    {
        if (!AgentNames.IsValid(Name, out _))
        {
            throw new ArgumentException($"MCP server name '{Name}' is not valid: use 1 to 64 letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(Command) == (Url is null))
        {
            throw new ArgumentException(
                $"MCP server '{Name}' must set exactly one of Command (a stdio server, e.g. \"npx\" with Arguments) or Url (a streamable HTTP endpoint).");
        }

        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"MCP server '{Name}' has Url '{Url}', which is not an absolute http(s) URL such as https://host/mcp.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || CallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"MCP server '{Name}' needs a positive ConnectTimeout and CallTimeout.");
        }

        if (Tools.Count == 0)
        {
            throw new ArgumentException(
                $"MCP server '{Name}' names no tools. List the tools the agent may call (Tools = [new(\"tool_name\")]): a run must see the same tools on replay, whatever the server lists later.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in Tools)
        {
            tool.Validate(Name);
            if (!seen.Add(tool.Name))
            {
                throw new ArgumentException($"MCP server '{Name}' lists tool '{tool.Name}' twice.");
            }
        }
    }

    /// <summary>Describes the server without header values or environment values (they may hold secrets).</summary>
    public override string ToString() => Url is not null
        ? $"MCP server '{Name}' at {Url.GetLeftPart(UriPartial.Path)}"
        : $"MCP server '{Name}' (command {Command})";
}

namespace DurableAgents.Tools.Mcp;

/// <summary>An MCP server could not be reached, or its connection broke; the call can be tried again later.</summary>
public sealed class McpServerUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="server"/>.</summary>
    public McpServerUnavailableException(McpServerOptions server, string reason, bool callMayHaveRun, Exception? inner = null)
        : base($"{server?.ToString() ?? "The MCP server"} is unavailable: {reason}.", inner)
    {
        CallMayHaveRun = callMayHaveRun;
    }

    /// <summary>Creates the exception with a message.</summary>
    public McpServerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public McpServerUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public McpServerUnavailableException()
        : base("The MCP server is unavailable.")
    {
    }

    /// <summary>False when the call never reached the server (connecting failed), so running it again cannot repeat its effect.</summary>
    public bool CallMayHaveRun { get; }
}

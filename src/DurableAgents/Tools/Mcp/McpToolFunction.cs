using System.Text.Json;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace DurableAgents.Tools.Mcp;

/// <summary>
/// A tool of an MCP server as an <see cref="AIFunction"/>: the run's tool activity invokes it, and it calls the server through the
/// <see cref="McpConnectionPool"/> in the activity's services. Holds no connection itself, so it can sit on an agent definition.
/// </summary>
/// <remarks>
/// The server's answer is data from outside: the run wraps it like any tool result. An error the tool reports, or a request the
/// server refuses, is a <see cref="ToolException"/> (the model gets it and can correct the call). A server that is down fails an
/// idempotent tool's call (the run retries it durably) and is an error result the model is told about for other tools.
/// </remarks>
public sealed class McpToolFunction : AIFunction
{
    private static readonly JsonElement AnyObjectSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

    /// <summary>Creates the function for <paramref name="tool"/> of <paramref name="server"/> (both validated by the caller).</summary>
    public McpToolFunction(McpServerOptions server, McpToolOptions tool)
    {
        Server = server ?? throw new ArgumentNullException(nameof(server));
        Tool = tool ?? throw new ArgumentNullException(nameof(tool));
    }

    /// <summary>The server the tool belongs to.</summary>
    public McpServerOptions Server { get; }

    /// <summary>The tool's options.</summary>
    public McpToolOptions Tool { get; }

    /// <summary>True when the options pin the argument schema (else the model sees the one the server lists).</summary>
    public bool HasPinnedSchema => Tool.ParsedInputSchema is not null;

    /// <inheritdoc />
    public override string Name => Tool.Name;

    /// <inheritdoc />
    public override string Description => Tool.Description ?? $"The tool '{Tool.Name}' of the MCP server '{Server.Name}'.";

    /// <inheritdoc />
    /// <remarks>The pinned schema, or any JSON object (the server checks the arguments against the schema it lists).</remarks>
    public override JsonElement JsonSchema => Tool.ParsedInputSchema ?? AnyObjectSchema;

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var pool = arguments.Services?.GetService<McpConnectionPool>()
            ?? throw new InvalidOperationException(
                $"MCP tool '{Name}' needs the McpConnectionPool service: register it (AddDurableAgents does) and call the tool from a tool activity.");
        var values = arguments.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        try
        {
            var result = await pool.CallToolAsync(Server, Tool.Name, values, cancellationToken).ConfigureAwait(false);
            var text = McpResultText.Of(result);
            return result.IsError == true ? throw new ToolException($"The MCP tool '{Name}' reported an error: {text}") : text;
        }
        catch (McpProtocolException ex)
        {
            throw new ToolException($"The MCP server '{Server.Name}' refused the call to '{Name}': {ex.Message}");
        }
        catch (McpServerUnavailableException ex) when (!Tool.IsIdempotent)
        {
            var advice = ex.CallMayHaveRun
                ? "The call may or may not have run; check its effect before calling it again."
                : "The call was not sent; you can try it again later or do without it.";
            throw new ToolException($"{ex.Message} {advice}");
        }
    }
}

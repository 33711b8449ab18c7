using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace DurableAgents.Tools.Mcp;

/// <summary>
/// One MCP client per server, opened on first use by an activity and kept for the next calls; a connection that fails is dropped,
/// so the next call (a durable retry, or the model trying again) connects anew. Disposing it closes every client and stops
/// every stdio server it started.
/// </summary>
/// <remarks>Register it as a singleton (AddDurableAgents does); never use it from orchestrator code.</remarks>
public sealed partial class McpConnectionPool(ILoggerFactory? loggerFactory = null) : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    private bool _disposed;

    /// <summary>Calls a tool; an error the tool reports comes back as a result with <see cref="CallToolResult.IsError"/> set.</summary>
    /// <exception cref="McpServerUnavailableException">The server could not be reached, or the connection broke during the call.</exception>
    /// <exception cref="McpProtocolException">The server refused the request (for example an unknown tool or invalid arguments).</exception>
    public async Task<CallToolResult> CallToolAsync(
        McpServerOptions server, string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(server.CallTimeout);
        var connection = GetConnection(server);
        var client = await connection.GetClientAsync(timeout.Token).ConfigureAwait(false);
        try
        {
            return await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new McpServerUnavailableException(server, $"the call to '{tool}' did not finish within {server.CallTimeout}", callMayHaveRun: true);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            await connection.DropAsync(client).ConfigureAwait(false);
            throw new McpServerUnavailableException(server, $"the connection broke during the call to '{tool}' ({ex.Message})", callMayHaveRun: true, ex);
        }
    }

    /// <summary>The tools the server lists (cached per connection), or null when it cannot be reached or refuses to list them now.</summary>
    public async Task<IReadOnlyList<Tool>?> TryListToolsAsync(McpServerOptions server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connection = GetConnection(server);
        try
        {
            return await connection.ListToolsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is McpServerUnavailableException or McpProtocolException)
        {
            return null; // unreachable, or it refused to list: the caller declares the tools as configured
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
    }

    /// <inheritdoc />
    /// <remarks>Blocks until every client is closed (a host disposed synchronously must still stop the servers it started).</remarks>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Connection GetConnection(McpServerOptions server)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Keyed by name and transport, so two agents that share a server share its connection, and a reused name never
        // reaches another server.
        var key = $"{server.Name}\n{server.Command}\n{string.Join('\u0001', server.Arguments)}\n{server.Url}";
        return _connections.GetOrAdd(key, _ => new Connection(server, _loggerFactory));
    }

    /// <summary>True for failures of the transport (not errors the server answered with).</summary>
    private static bool IsConnectionFailure(Exception ex) => ex is not McpProtocolException
        && ex is McpException or IOException or HttpRequestException or ObjectDisposedException or InvalidOperationException;
}

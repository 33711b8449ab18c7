using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace DurableAgents.Tools.Mcp;

/// <summary>One server's client: connected lazily under a lock, dropped when it fails, connected again on the next use.</summary>
public sealed partial class McpConnectionPool
{
    private sealed class Connection(McpServerOptions server, ILoggerFactory loggerFactory) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private McpClient? _client;
        private IReadOnlyList<Tool>? _tools;

        public async Task<McpClient> GetClientAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _client) is { } ready)
            {
                return ready;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return _client ??= await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<IReadOnlyList<Tool>> ListToolsAsync(CancellationToken cancellationToken)
        {
            var client = await GetClientAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _tools) is { } cached)
            {
                return cached;
            }

            try
            {
                var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return _tools = tools.Select(t => t.ProtocolTool).ToList();
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                await DropAsync(client).ConfigureAwait(false);
                throw new McpServerUnavailableException(server, $"listing its tools failed ({ex.Message})", callMayHaveRun: false, ex);
            }
        }

        /// <summary>Forgets <paramref name="failed"/> (if it is still the current client) and closes it.</summary>
        public async Task DropAsync(McpClient failed)
        {
            if (Interlocked.CompareExchange(ref _client, null, failed) == failed)
            {
                _tools = null;
                await failed.DisposeAsync().ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _client, null) is { } client)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            _gate.Dispose();
        }

        private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(server.ConnectTimeout);
            try
            {
                var options = new McpClientOptions { ClientInfo = new Implementation { Name = "DurableAgents", Version = "1.0" } };
                return await McpClient.CreateAsync(CreateTransport(), options, loggerFactory, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new McpServerUnavailableException(server, $"it did not connect within {server.ConnectTimeout}", callMayHaveRun: false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new McpServerUnavailableException(server, $"connecting failed ({ex.GetType().Name}: {ex.Message})", callMayHaveRun: false, ex);
            }
        }

        private IClientTransport CreateTransport() => server.Url is { } url
            ? new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Name = server.Name,
                    Endpoint = url,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = server.Headers,
                    ConnectionTimeout = server.ConnectTimeout,
                },
                loggerFactory)
            : new StdioClientTransport(
                new StdioClientTransportOptions
                {
                    Name = server.Name,
                    Command = server.Command!,
                    Arguments = server.Arguments,
                    EnvironmentVariables = server.Environment,
                    WorkingDirectory = server.WorkingDirectory,
                },
                loggerFactory);
    }
}

using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace DurableAgents.Host.Tests.Mcp;

/// <summary>The MCP SDK's client connected to the test host's <c>/mcp</c> over streamable HTTP.</summary>
internal sealed class McpSession(McpClient client) : IAsyncDisposable
{
    public McpClient Client { get; } = client;

    public static async Task<McpSession> ConnectAsync(HostFactory host, string? key)
    {
        var http = host.CreateClient();
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = key is null ? null : new Dictionary<string, string> { ["x-api-key"] = key },
        };
        return new McpSession(await McpClient.CreateAsync(new HttpClientTransport(options, http, ownsHttpClient: true)));
    }

    /// <summary>Calls a tool; returns whether it reported an error and its text (the JSON of the tool's answer when it did not).</summary>
    public async Task<(bool IsError, string Text)> CallAsync(string tool, object arguments)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments));
        var result = await Client.CallToolAsync(tool, values);
        return (result.IsError == true, string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
    }

    /// <summary>Calls a tool that must succeed and parses its answer.</summary>
    public async Task<JsonElement> CallOkAsync(string tool, object arguments)
    {
        var (isError, text) = await CallAsync(tool, arguments);
        Assert.False(isError, $"{tool} failed: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}

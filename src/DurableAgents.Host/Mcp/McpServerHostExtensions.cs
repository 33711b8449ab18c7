using DurableAgents.Api;
using DurableAgents.Api.Http;
using DurableAgents.Api.Security;
using DurableAgents.Host.Mcp;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The host as an MCP server: its agents as the tools of <see cref="RunTools"/>, over streamable HTTP.</summary>
public static class McpServerHostExtensions
{
    /// <summary>Where the MCP endpoint is mapped.</summary>
    public const string DefaultPath = "/mcp";

    /// <summary>Adds the MCP server (stateless streamable HTTP: any host of a scaled-out app can answer any request).</summary>
    public static IServiceCollection AddDurableAgentsMcpServer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "durableagents", Version = typeof(RunTools).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<RunTools>();
        return services;
    }

    /// <summary>Maps the MCP endpoint behind the API key (the management API's rule: <c>x-api-key</c> or <c>?code=</c>; loopback only when no key is set).</summary>
    public static WebApplication MapDurableAgentsMcp(this WebApplication app, string pattern = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        var endpoints = app.MapMcp(pattern);
        endpoints.ExcludeFromDescription();

        // The MCP endpoints are plain request delegates (endpoint filters do not run on them), so the key check wraps each one.
        endpoints.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is { } inner)
            {
                endpoint.RequestDelegate = context => RequireKeyAsync(context, inner);
            }
        });
        return app;
    }

    private static async Task RequireKeyAsync(HttpContext context, RequestDelegate next)
    {
        var keys = context.RequestServices.GetRequiredService<IOptions<DurableAgentsApiOptions>>().Value.AllKeys;
        if (ApiKeys.Check(context.Request, keys) is { } error)
        {
            await Problems.Unauthorized(error).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}

using System.Net;
using DurableAgents.McpTestServer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// A tiny MCP server for the tests: "--stdio" serves over standard input and output; "--http" serves streamable HTTP on a free
// loopback port and prints "listening on URL" once it accepts connections. Logs go to standard error (stdout is the protocol).
if (args.Contains("--stdio"))
{
    var host = Host.CreateApplicationBuilder(args);
    host.Logging.ClearProviders();
    host.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    host.Services.AddMcpServer().WithStdioServerTransport().WithToolsFromAssembly(typeof(TestServerTools).Assembly);
    await host.Build().RunAsync();
    return 0;
}

if (args.Contains("--http"))
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
    builder.Services.AddMcpServer().WithHttpTransport().WithToolsFromAssembly(typeof(TestServerTools).Assembly);
    var app = builder.Build();
    // A header check, so the tests can see that configured headers reach the server.
    app.Use(async (context, next) =>
    {
        if (context.Request.Headers["X-Test-Key"] != "let-me-in")
        {
            context.Response.StatusCode = 401;
            return;
        }

        await next();
    });
    app.MapMcp("/mcp");
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    Console.Out.WriteLine($"listening on {address.TrimEnd('/')}/mcp");
    Console.Out.Flush();
    await app.WaitForShutdownAsync();
    return 0;
}

Console.Error.WriteLine("Usage: DurableAgents.McpTestServer --stdio | --http");
return 2;

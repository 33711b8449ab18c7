using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>A Kestrel server on 127.0.0.1 with a free port, serving the pages the http_get tests need.</summary>
public sealed class LoopbackWebServer : IAsyncDisposable
{
    public const int LargeBodyBytes = 300 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    private LoopbackWebServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    public int Hits(string path) => _hits.TryGetValue(path, out var n) ? n : 0;

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public static async Task<LoopbackWebServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackWebServer? server = null;
        app.Use(async (context, next) =>
        {
            server!._hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(context);
        });
        MapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackWebServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/page", () => Results.Content(
            "<html><head><title>Test page</title><style>body { color: red }</style></head>"
            + "<body><h1>Hello</h1><p>Fish &amp; chips</p><script>var secret = 1;</script><!-- hidden --></body></html>",
            "text/html; charset=utf-8"));
        app.MapGet("/plain", () => Results.Text("hello from loopback", "text/plain"));
        app.MapGet("/json", () => Results.Json(new { answer = 42 }));
        app.MapGet("/large", () => Results.Text(new string('a', LargeBodyBytes), "text/plain"));
        app.MapGet("/image", () => Results.Bytes(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 1, 2 }, "image/png"));
        app.MapGet("/missing", () => Results.Text("no such thing", "text/plain", statusCode: 404));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/chain/{n:int}", (int n) => n == 0 ? Results.Text("end of chain") : Results.Redirect($"/chain/{n - 1}"));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            // Never answers; ends when the client gives up and the request is aborted.
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/slow-body", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("partial", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
    }
}

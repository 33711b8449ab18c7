using System.Collections.Concurrent;
using DurableAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>A Kestrel server on 127.0.0.1 with a free port, serving the pages the http_get tests need.</summary>
public sealed class LoopbackWebServer : IAsyncDisposable
{
    public const int LargeBodyBytes = 300 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits;

    private LoopbackWebServer(WebApplication app, Uri baseUri, ConcurrentDictionary<string, int> hits)
    {
        _app = app;
        BaseUri = baseUri;
        _hits = hits;
    }

    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    public int Hits(string path) => _hits.TryGetValue(path, out var n) ? n : 0;

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public static async Task<LoopbackWebServer> StartAsync()
    {
        var hits = new ConcurrentDictionary<string, int>();
        var (app, root) = await LoopbackKestrel.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
                await next(context);
            });
            MapEndpoints(app);
        });
        return new LoopbackWebServer(app, root, hits);
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

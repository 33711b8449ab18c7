using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Testing;

/// <summary>
/// A search engine on 127.0.0.1 with a free port, answering like SearXNG (<c>/search?q=..&amp;format=json</c>) and like a keyed
/// engine of another shape, recording each request's query and key header.
/// </summary>
public sealed class FakeSearchServer : IAsyncDisposable
{
    public const string Key = "search-key-123";

    private readonly WebApplication _app;

    private FakeSearchServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Every request: path, query q, and the Authorization / X-Subscription-Token header.</summary>
    public ConcurrentQueue<(string Path, string? Query, string? Key)> Requests { get; } = new();

    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).ToString();

    public static async Task<FakeSearchServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeSearchServer? server = null;
        app.Use(async (context, next) =>
        {
            var key = context.Request.Headers.Authorization.FirstOrDefault() ?? context.Request.Headers["X-Subscription-Token"].FirstOrDefault();
            server!.Requests.Enqueue((context.Request.Path.Value ?? "", context.Request.Query["q"].FirstOrDefault(), key));
            await next(context);
        });
        app.MapGet("/search", (string q, string? format) => format == "json"
            ? Results.Json(new { query = q, results = Hits(q).Select(h => new { title = h.Title, url = h.Url, content = h.Snippet, engine = "fake" }) })
            : Results.Content("<html>SearXNG answers HTML unless format=json</html>", "text/html"));
        app.MapGet("/keyed", (HttpContext context, string q) => context.Request.Headers["X-Subscription-Token"] == Key
            ? Results.Json(new { web = new { results = Hits(q).Select(h => new { title = h.Title, url = h.Url, description = h.Snippet }) } })
            : Results.StatusCode(401));
        app.MapGet("/empty", () => Results.Json(new { results = Array.Empty<object>() }));
        app.MapGet("/not-json", () => Results.Content("<html>oops</html>", "text/html"));
        app.MapGet("/elsewhere", (HttpContext context) => Results.Redirect($"http://localhost:{context.Connection.LocalPort}/search{context.Request.QueryString}"));
        app.MapGet("/to-private", () => Results.Redirect("http://10.1.2.3/search?q=x&format=json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeSearchServer(app, new Uri(address));
        return server;
    }

    /// <summary>Three hits that name the query, so a test can see its query reached the engine.</summary>
    public static IReadOnlyList<(string Title, string Url, string Snippet)> Hits(string query) =>
    [
        ($"{query} explained", $"https://docs.example.org/{Uri.EscapeDataString(query)}", $"A plain account of {query}, with   examples."),
        ($"{query}: a tutorial", "https://learn.example.org/tutorial", $"Step by step through {query}."),
        ($"History of {query}", "https://history.example.org/", $"Where {query} came from."),
    ];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Tests.Models;

/// <summary>A request the fake server received.</summary>
internal sealed record RecordedRequest(string Path, string? Authorization, string? ApiKey, JsonObject Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A real Kestrel server on 127.0.0.1 speaking the chat completions wire format: it records requests and answers from a
/// queue of scripted replies (an empty queue answers 500 with a message saying so, so a test fails clearly).
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();

    private FakeOpenAIServer(WebApplication app) => _app = app;

    /// <summary>The API root clients should use, e.g. http://127.0.0.1:PORT/v1/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The server root without the /v1 prefix.</summary>
    public Uri RootUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        FakeOpenAIServer? server = null;
        var (_, root) = await LoopbackKestrel.StartAsync(app =>
        {
            server = new FakeOpenAIServer(app);
            app.MapPost("/v1/chat/completions", server.HandleAsync);
            app.MapPost("/chat/completions", server.HandleAsync);
        });
        server!.RootUrl = root;
        server.BaseUrl = new Uri(server.RootUrl, "v1/");
        return server;
    }

    public FakeOpenAIServer Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived, polling against a deadline.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(10));
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Expected {count} request(s), got {Requests.Count}.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString(), body, DateTimeOffset.UtcNow));
        }

        if (!_replies.TryDequeue(out var reply))
        {
            reply = ScriptedReply.Error(500, "no_scripted_reply", "The fake server has no scripted reply left for this request.");
        }

        if (reply.HangUntilAborted)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body);
    }
}

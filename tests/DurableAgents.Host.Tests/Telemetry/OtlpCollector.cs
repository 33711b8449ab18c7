using System.Collections.Concurrent;
using DurableAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Host.Tests.Telemetry;

/// <summary>A small OTLP/HTTP collector on 127.0.0.1: it keeps every protobuf export posted to /v1/traces and /v1/metrics.</summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _traces = new();
    private readonly ConcurrentQueue<byte[]> _metrics = new();

    private OtlpCollector(WebApplication app) => _app = app;

    /// <summary>The endpoint for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces and /v1/metrics).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpCollector> StartAsync()
    {
        OtlpCollector? collector = null;
        var (_, root) = await LoopbackKestrel.StartAsync(app =>
        {
            collector = new OtlpCollector(app);
            app.MapPost("/v1/traces", context => Keep(context, collector._traces));
            app.MapPost("/v1/metrics", context => Keep(context, collector._metrics));
        });
        collector!.Endpoint = root;
        return collector;
    }

    /// <summary>Every span received so far, with its resource attributes.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Resource, OtlpSpan Span)> Spans =>
        _traces.SelectMany(t => OtlpModel.Spans(t)).ToList();

    /// <summary>The names of every metric received so far.</summary>
    public IReadOnlySet<string> MetricNames => _metrics.SelectMany(m => OtlpModel.MetricNames(m)).ToHashSet();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task Keep(HttpContext context, ConcurrentQueue<byte[]> into)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        into.Enqueue(body.ToArray());
        context.Response.ContentType = "application/x-protobuf";
        await context.Response.Body.WriteAsync(Array.Empty<byte>()); // an empty Export*ServiceResponse
    }
}

using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/traces", context => Keep(context, collector._traces));
        app.MapPost("/v1/metrics", context => Keep(context, collector._metrics));
        await app.StartAsync();
        collector.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
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

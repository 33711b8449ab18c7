using System.Net;
using DurableAgents.Samples;
using DurableAgents.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using DurableAgents.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DurableAgents.Host.Tests.Telemetry;

/// <summary>The host exporting OTLP/HTTP protobuf to a collector in the test: a run is one trace with GenAI spans, and no content or keys leak.</summary>
public sealed class HostTelemetryTests : IAsyncLifetime
{
    private const string Marker = "zebra-4711";
    private const string Goal = $"Compute 1234 * 5678 for ticket {Marker}.";
    private OtlpCollector _collector = null!;

    public async Task InitializeAsync() => _collector = await OtlpCollector.StartAsync();

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_IsExportedAsOneTrace_WithGenAiSpans_AndContentOnlyWithSensitiveDataOn(bool sensitive)
    {
        using var factory = HostFactory.WithKey(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "durableagents-test",
            ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = sensitive ? "true" : "false",
        }, standIn: false);
        using var http = factory.CreateClient();

        // The key in the query string (as Functions clients send it) must not reach a span.
        var (response, body) = await http.SendAsync(HttpMethod.Post, $"/api/agents/{SampleAgents.Background}/runs?code={HostFactory.Key}", new { input = Goal });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        var run = await http.WaitForRunAsync(id, r => r.Status() == "Completed", $"{id} completes", HostFactory.Key);
        Assert.Contains("7006652", run.ToString());
        Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        var all = _collector.Spans;
        var start = Assert.Single(all, s => s.Span.Name == $"invoke_agent {SampleAgents.Background}" && s.Span["durableagents.run.id"] == id);
        Assert.Equal("durableagents-test", start.Resource["service.name"]);
        var trace = all.Select(s => s.Span).Where(s => s.TraceId == start.Span.TraceId).ToList();

        var request = Assert.Single(trace, s => s.SpanId == start.Span.ParentSpanId); // the HTTP request that started the run
        Assert.Equal("Microsoft.AspNetCore", request.Scope);
        var chats = trace.Where(s => s["gen_ai.operation.name"] == "chat").ToList();
        Assert.Equal(2, chats.Count); // a tool call, then the answer
        Assert.All(chats, c =>
        {
            Assert.Equal("offline-planner", c["gen_ai.request.model"]);
            Assert.True(int.Parse(c["gen_ai.usage.input_tokens"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.NotNull(c["gen_ai.usage.output_tokens"]);
        });
        var tool = Assert.Single(trace, s => s["gen_ai.operation.name"] == "execute_tool");
        Assert.Equal("calculator", tool["gen_ai.tool.name"]);
        Assert.NotNull(tool["gen_ai.tool.call.id"]);
        // One trace: every span's parent is in it, up to the request.
        Assert.All(trace.Where(s => s != request), s => Assert.Contains(trace, p => p.SpanId == s.ParentSpanId));

        var text = string.Join("\n", all.SelectMany(s => s.Span.Attributes.Values));
        Assert.DoesNotContain(HostFactory.Key, text);
        Assert.DoesNotContain(HostFactory.Secret, text);
        Assert.Equal(sensitive, text.Contains(Marker, StringComparison.Ordinal)); // the goal
        Assert.Equal(sensitive, trace.Where(s => s != request).SelectMany(s => s.Attributes.Values).Any(v => v.Contains("1234 * 5678", StringComparison.Ordinal))); // the arguments

        await Testing.TestDeadline.WaitUntilAsync(() => _collector.MetricNames.Contains("durableagents.runs.completed"), "the run metrics exported");
        Assert.Superset(new HashSet<string> { "durableagents.runs.started", "durableagents.tool_calls", "durableagents.tokens", "durableagents.step.duration", "gen_ai.client.token.usage" },
            _collector.MetricNames.ToHashSet());
    }

    [Fact]
    public void Telemetry_IsOffWithoutAnEndpoint()
    {
        using var factory = new HostFactory();
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4317", "not an absolute http(s) URL")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "ftp://collector", "not an absolute http(s) URL")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "supports 'grpc' and 'http/protobuf'")]
    public void BadSetting_IsRefusedWithAMessage(string setting, string value, string message)
    {
        var configuration = Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), (setting, value));

        var error = Assert.Throws<InvalidOperationException>(() => OtlpSettings.IsEnabled(configuration)); // the host prints it and exits 2
        Assert.Contains(message, error.Message);
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Enabled_ByAnyEndpoint_AndSdkDisabledWins()
    {
        Assert.False(OtlpSettings.IsEnabled(Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), ("OTEL_SDK_DISABLED", "true"))));
        Assert.True(OtlpSettings.IsEnabled(Settings(("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://127.0.0.1:4318/v1/metrics"))));
        Assert.False(OtlpSettings.IsEnabled(Settings()));
    }

    [Fact]
    public void Logs_AreExportedOnlyWhenAskedFor()
    {
        Assert.False(OtlpSettings.ExportsLogs(Settings()));
        Assert.False(OtlpSettings.ExportsLogs(Settings(("OTEL_LOGS_EXPORTER", "none"))));
        Assert.True(OtlpSettings.ExportsLogs(Settings(("OTEL_LOGS_EXPORTER", "otlp"))));
        Assert.Contains("otlp (export logs) or none", Assert.Throws<InvalidOperationException>(() => OtlpSettings.ExportsLogs(Settings(("OTEL_LOGS_EXPORTER", "console")))).Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in values)
        {
            settings[key] = value; // a later value wins, as a later configuration source does
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}

using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using DurableAgents.OpenTelemetry;
using OpenTelemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddDurableAgentsFunctionsApp(builder.Configuration);
// Functions' resource and invocation spans, plus DurableAgents' run and GenAI spans and metrics, whichever exporter the operator
// adds (Application Insights, or OTLP below).
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
    .WithTracing(t => t.AddDurableAgentsInstrumentation())
    .WithMetrics(m => m.AddDurableAgentsInstrumentation());
// OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set (and the sensitive-data setting), as in the self-hosted host.
builder.Services.AddDurableAgentsOpenTelemetry(builder.Configuration, defaultServiceName: "durableagents-functions");
await builder.Build().RunAsync();

using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddDurableAgentsFunctionsApp(builder.Configuration);
// Functions' resource and invocation spans, plus the model calls' GenAI spans; the exporter is the operator's choice.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults().WithTracing(t => t.AddSource("DurableAgents.Models"));
await builder.Build().RunAsync();

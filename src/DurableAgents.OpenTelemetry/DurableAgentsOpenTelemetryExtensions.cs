using DurableAgents.OpenTelemetry;
using DurableAgents.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>OpenTelemetry for a DurableAgents host in one call.</summary>
public static class DurableAgentsOpenTelemetryExtensions
{
    /// <summary>
    /// Reads <see cref="AgentTelemetryOptions.SensitiveDataSetting"/> into <see cref="AgentTelemetryOptions"/> and, when an OTLP endpoint
    /// is configured (<see cref="OtlpSettings"/>), adds OpenTelemetry: DurableAgents' spans and metrics, ASP.NET Core and HttpClient
    /// instrumentation, and the OTLP exporter configured by the specification's variables (endpoint, protocol, headers, service name,
    /// resource attributes); logs too with <c>OTEL_LOGS_EXPORTER=otlp</c>. Without an endpoint nothing is exported and nothing listens.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">Where the OTEL_* settings are read (environment variables, app settings).</param>
    /// <param name="configure">More set-up when telemetry is on, e.g. <c>otel => otel.UseFunctionsWorkerDefaults()</c> in Azure Functions.</param>
    /// <param name="defaultServiceName">The service name when <see cref="OtlpSettings.ServiceName"/> is not set.</param>
    /// <returns>True when OpenTelemetry was added.</returns>
    /// <exception cref="InvalidOperationException">A setting is invalid (the message names it).</exception>
    public static bool AddDurableAgentsOpenTelemetry(
        this IServiceCollection services, IConfiguration configuration, Action<IOpenTelemetryBuilder>? configure = null, string defaultServiceName = "durableagents")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var sensitive = AgentTelemetryOptions.ReadSensitiveDataSetting(key => configuration[key]);
        services.Configure<AgentTelemetryOptions>(o => o.EnableSensitiveData = sensitive);
        if (!OtlpSettings.IsEnabled(configuration))
        {
            return false;
        }

        var serviceName = configuration[OtlpSettings.ServiceName] is { Length: > 0 } configured ? configured.Trim() : defaultServiceName;
        // One exporter per signal rather than UseOtlpExporter, which also exports every log: the Durable Task engine logs each
        // dispatch, and exporting those cost more than the spans and metrics of a step together. Logs only when asked for.
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t.AddDurableAgentsInstrumentation().AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter())
            .WithMetrics(m => m.AddDurableAgentsInstrumentation().AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter());
        if (OtlpSettings.ExportsLogs(configuration))
        {
            otel.WithLogging(l => l.AddOtlpExporter());
        }

        configure?.Invoke(otel);
        return true;
    }
}

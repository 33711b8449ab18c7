using Microsoft.Extensions.Configuration;

namespace DurableAgents.OpenTelemetry;

/// <summary>
/// The OTLP exporter settings the OpenTelemetry specification defines (environment variables, or configuration keys of the same
/// names), checked at start so a typo fails with a message instead of silently exporting nowhere.
/// </summary>
public static class OtlpSettings
{
    /// <summary>The base endpoint (the exporter appends <c>/v1/traces</c> and <c>/v1/metrics</c> for http/protobuf).</summary>
    public const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The traces endpoint, used as given.</summary>
    public const string TracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>The metrics endpoint, used as given.</summary>
    public const string MetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    /// <summary><c>grpc</c> (the .NET default) or <c>http/protobuf</c>.</summary>
    public const string Protocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The service name on every span and metric.</summary>
    public const string ServiceName = "OTEL_SERVICE_NAME";

    /// <summary><c>otlp</c> to export logs as well; unset or <c>none</c> exports traces and metrics only.</summary>
    public const string LogsExporter = "OTEL_LOGS_EXPORTER";

    /// <summary>Set to true to switch OpenTelemetry off whatever else is set.</summary>
    public const string SdkDisabled = "OTEL_SDK_DISABLED";

    /// <summary>True when an endpoint is configured and the SDK is not disabled.</summary>
    /// <exception cref="InvalidOperationException">An endpoint is not an absolute http(s) URL, or the protocol is not supported.</exception>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration[SdkDisabled]?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var any = false;
        foreach (var key in new[] { Endpoint, TracesEndpoint, MetricsEndpoint })
        {
            var value = configuration[key]?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException(
                    $"{key} is '{value}', which is not an absolute http(s) URL. Set it to the collector, for example http://localhost:4317 (grpc) or http://localhost:4318 (http/protobuf).");
            }

            any = true;
        }

        var protocol = configuration[Protocol]?.Trim();
        if (!string.IsNullOrEmpty(protocol) && protocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException(
                $"{Protocol} is '{protocol}'; the .NET exporter supports 'grpc' and 'http/protobuf' (not http/json).");
        }

        return any;
    }

    /// <summary>True when <see cref="LogsExporter"/> is <c>otlp</c>.</summary>
    /// <exception cref="InvalidOperationException">It is neither otlp nor none.</exception>
    public static bool ExportsLogs(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[LogsExporter]?.Trim() switch
        {
            null or "" or "none" => false,
            "otlp" => true,
            var other => throw new InvalidOperationException($"{LogsExporter} is '{other}'; set it to otlp (export logs) or none."),
        };
    }
}

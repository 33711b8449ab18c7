using DurableAgents.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DurableAgents.OpenTelemetry;

/// <summary>Subscribes OpenTelemetry to DurableAgents' sources and meters (for apps that set up OpenTelemetry themselves).</summary>
public static class DurableAgentsInstrumentationExtensions
{
    /// <summary>Adds the run spans (<see cref="AgentTelemetryNames.ActivitySource"/>) and the GenAI model spans (<see cref="AgentTelemetryNames.ModelSource"/>).</summary>
    public static TracerProviderBuilder AddDurableAgentsInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(AgentTelemetryNames.ActivitySource, AgentTelemetryNames.ModelSource);
    }

    /// <summary>Adds the run metrics (<see cref="AgentTelemetryNames.Meter"/>) and the GenAI model metrics (<see cref="AgentTelemetryNames.ModelSource"/>).</summary>
    public static MeterProviderBuilder AddDurableAgentsInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(AgentTelemetryNames.Meter, AgentTelemetryNames.ModelSource);
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Telemetry;

/// <summary>Registers <see cref="AgentTelemetry"/> (configure it with <c>services.Configure&lt;AgentTelemetryOptions&gt;</c>) and the approvals gauge.</summary>
internal static class AgentTelemetryRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<AgentTelemetryOptions>();
        services.TryAddSingleton(sp => new AgentTelemetry(
            sp.GetRequiredService<IOptions<AgentTelemetryOptions>>().Value, sp.GetService<IMeterFactory>(), sp.GetService<ILoggerFactory>()));
        services.AddHostedService<ApprovalsWaitingGauge>();
    }
}
